"""What the repository cannot show by itself: is main protected as the desk assumes?

`finsam grenskydd` reads the branch protection as GitHub's API returns it
(`gh api repos/<owner>/<repo>/branches/main/protection`) and names every setting that is
missing, so the kansli can check it in a minute instead of trusting a screenshot.
"""

from __future__ import annotations

from typing import Any

from finsam.findings import Finding
from finsam.rules.review import BRANCH_PROTECTION

# The job names of .github/workflows/granska.yml and tester.yml (a test keeps them in step).
VERDICT_CHECK = "Granska med basgrenens kod"
TESTS_CHECK = "Lint, typkontroll, tester och webbplats"
GITHUB_ACTIONS_APP_ID = 15368


def _enabled(data: dict[str, Any], key: str) -> bool:
    value = data.get(key)
    return bool(value.get("enabled")) if isinstance(value, dict) else bool(value)


def _required_checks(data: dict[str, Any]) -> dict[str, Any]:
    """Required check names, each with the app it must come from (None: any source)."""
    checks = data.get("required_status_checks")
    if not isinstance(checks, dict):
        return {}
    found: dict[str, Any] = dict.fromkeys(checks.get("contexts") or [])
    for check in checks.get("checks") or []:
        if isinstance(check, dict) and isinstance(check.get("context"), str):
            found[check["context"]] = check.get("app_id")
    return found


def problems(data: dict[str, Any]) -> list[str]:
    """Every setting of the branch protection that falls short, in Swedish."""
    out = []
    reviews = data.get("required_pull_request_reviews")
    if not isinstance(reviews, dict):
        out.append("Pull requests med godkännande krävs inte före sammanslagning.")
        reviews = {}
    else:
        if int(reviews.get("required_approving_review_count") or 0) < 1:
            out.append("Minst ett godkännande krävs inte.")
        if not reviews.get("require_code_owner_reviews"):
            out.append("Granskning av kodägare krävs inte, så CODEOWNERS verkar inte.")
        if not reviews.get("dismiss_stale_reviews"):
            out.append("Gamla godkännanden avfärdas inte när nya commits kommer.")
    checks = _required_checks(data)
    for name in (VERDICT_CHECK, TESTS_CHECK):
        if name not in checks:
            out.append(f"Statuskontrollen ”{name}” är inte obligatorisk.")
        elif checks[name] != GITHUB_ACTIONS_APP_ID:
            out.append(
                f"Statuskontrollen ”{name}” kan komma från vilken källa som helst; välj GitHub Actions."
            )
    if not _enabled(data, "enforce_admins"):
        out.append("Reglerna gäller inte administratörer.")
    if _enabled(data, "allow_force_pushes"):
        out.append("Force push är tillåtet, så historiken som besluten jämförs med kan skrivas om.")
    if _enabled(data, "allow_deletions"):
        out.append("Grenen får raderas.")
    return out


def findings(data: object, source: str) -> list[Finding]:
    if not isinstance(data, dict):
        return [BRANCH_PROTECTION.finding(source, 0, 0, "Svaret är inget grenskydd från GitHub.")]
    hint = "Se README, avsnittet Grenskydd, och ändra under Settings → Branches på GitHub."
    return [BRANCH_PROTECTION.finding(source, 0, 0, problem, hint) for problem in problems(data)]
