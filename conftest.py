"""Root conftest: the suite's fixtures and steps are plugins, one module per domain."""

pytest_plugins = [
    "fixtures.redaction",  # first: fixtures.plugin imports it
    "fixtures.plugin",
    "fixtures.target_procedures",
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
    "steps.sync",
    "steps.result",
    "steps.security",
    "steps.security_web",
    "steps.security_guards",
    "steps.reliability",
    "steps.accessibility",
]
