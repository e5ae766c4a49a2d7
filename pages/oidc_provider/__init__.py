"""The identity provider of the worked example (npm oidc-provider, scripts/oidc_provider/):
its login, consent and sign-out confirmation pages, as a vendor writes them for its own
provider. A target profile picks it with ``[sso] login_pages = "pages.oidc_provider"``."""

from pages.oidc_provider.login import SSO_PAGES

__all__ = ["SSO_PAGES"]
