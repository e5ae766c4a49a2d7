"""Root conftest: the suite's fixtures and steps are plugins, one module per domain."""

pytest_plugins = [
    "fixtures.plugin",
    "fixtures.sharding",
    "steps.common",
    "steps.sso",
]
