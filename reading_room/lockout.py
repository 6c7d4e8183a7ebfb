"""Admin login lockout (django-axes): by username and address, and by address alone.

AXES_FAILURE_LIMIT failures for one username from one address lock that pair for the cool-off time:
an editor who forgot a password is not locked out from everywhere, nor are their colleagues behind
the same address. AXES_IP_FAILURE_LIMIT failures from one address, whatever the usernames, lock the
address itself: random usernames cannot be tried without end, and each failed login costs the
server a password hash (0.4–0.5 s of CPU), so the login form cannot be used to burn it. A locked
login is refused before any password is hashed.
"""

from __future__ import annotations

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def lockout_parameters(request_or_attempt, credentials=None) -> list:
    """settings.AXES_LOCKOUT_PARAMETERS: the address alone once it failed too often, else the pair."""
    address = getattr(request_or_attempt, "axes_ip_address", None) or getattr(request_or_attempt, "ip_address", None)
    if address and failures_from(address) >= settings.AXES_IP_FAILURE_LIMIT:
        return ["ip_address"]
    return [["username", "ip_address"]]


def failures_from(address: str) -> int:
    """Failed logins from this address within the cool-off time, with any usernames."""
    recent = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=timezone.now() - get_cool_off())
    return recent.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
