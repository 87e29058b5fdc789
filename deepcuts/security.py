"""Content Security Policy: the public site runs only our own scripts and styles.

The Wagtail admin gets its own, looser policy: its page editor writes inline scripts and its
widgets set inline styles, and Wagtail gives them no nonces. It is still limited to our origin,
behind a login, and what readers send is escaped or sanitised before an editor sees it.

Both policies are checked against real pages in a browser test (tests/test_security_browser.py),
which fails on any violation chromium reports.
"""
from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware, PolicyParts

VIDEO_EMBEDS = ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]

PUBLIC_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "media-src": [SELF],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": VIDEO_EMBEDS,
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}

ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF, *VIDEO_EMBEDS],
    "frame-ancestors": [SELF],
}

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware (settings.CONTENT_SECURITY_POLICY holds PUBLIC_POLICY), with the
    admin policy swapped in under the admin prefixes."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if (not report_only and parts.config is None
                and request.path_info.startswith(ADMIN_PREFIXES)):
            parts = PolicyParts(config=ADMIN_POLICY, update=parts.update, replace=parts.replace,
                                nonce=parts.nonce)
        return parts
