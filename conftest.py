"""Root conftest: the suite's fixtures and steps are plugins, one module per domain."""

pytest_plugins = [
    "fixtures.redaction",  # first: fixtures.plugin imports it
    "fixtures.plugin",
    "fixtures.capabilities",
    "fixtures.bounded",
    "fixtures.sharding",
    "fixtures.pages",
    "fixtures.journals",
    "fixtures.allure_labels",
    "fixtures.national_portal",
    "fixtures.e_result",
    "steps.common",
    "steps.sso",
    "steps.sso_provider",
    "steps.submission",
    "steps.payment",
    "steps.processing",
    # the reliability scenarios' own stack; after steps.processing, whose test API it uses
    # (a plugin imported before it would leave that module's asserts un-rewritten)
    "fixtures.isolated",
    "steps.sync",
    "steps.result",
    "steps.security",
    "steps.security_sessions",
    "steps.security_input",
    "steps.security_redirects",
    "steps.security_payment_results",
    "steps.security_test_mode",
    "steps.security_headers",
    "steps.security_guards",
    "steps.reliability_outages",
    "steps.reliability_killed",
    "steps.reliability_crowd",
    "steps.reliability_slow_sso",
    "steps.accessibility",
]
