"""Mistake 7, self-promotion: how promotional each post is, and the share of promotional posts among the last ones."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from monitor.detectors import Detected, TextHit, draft_evidence, rule
from monitor.detectors.context import Context
from monitor.settings import RulesSettings, SelfPromotionRules
from monitor.text.folding import fold
from monitor.text.lexicons import en_promo as en
from monitor.text.lexicons import ru_promo as ru
from monitor.text.phrases import Phrases
from monitor.text.register import model as register

# How much each kind of signal says "this post sells"; kinds combine as independent evidence
# (1 - Π(1 - w)), so one price or one "try it" stays low and an ad label or a discount alone is enough;
# any two of the 0.3 kinds (a price and scarcity, "try it" and "today") reach the 0.5 threshold.
WEIGHTS = {
    "ad_label": 0.8,
    "promo_code": 0.6,
    "discount": 0.5,
    "cta_strong": 0.4,
    "shop_link": 0.4,
    "campaign": 0.3,
    "prize": 0.3,
    "price": 0.3,
    "launch": 0.3,
    "exclusive": 0.3,
    "offer": 0.3,
    "cta_soft": 0.3,
    "cta_now": 0.3,
    "urgency": 0.3,
    "scarcity": 0.3,
    "finance": 0.35,
    "shop_ish_link": 0.25,
    "code": 0.2,
    "utm": 0.2,
}
# A customer-service text (an apology, a refund, "your order") that mentions a price is not an advert.
SERVICE_DAMPING = 0.5
# Texts whose promotion words do not sell: the kinds each context explains are left out of the score.
# A scam warning quotes the bait, a job post has a salary and "apply now", a winner announcement closes
# a giveaway, a reply that starts with @someone answers their question about a price, a birthday gift to one
# person is not an offer to all, and a margin or a purchase price is our own figure, not a price on offer.
_SELLING = {kind for kind in WEIGHTS if kind != "ad_label"}
CONTEXTS = {
    "ctx_warning": _SELLING,
    "ctx_internal": {"price", "offer", "discount"},
    "ctx_gift": {"discount", "offer", "price", "prize", "cta_soft"},
    "ctx_hiring": {"price", "offer", "cta_soft", "cta_strong", "cta_now", "urgency", "scarcity", "launch", "finance", "campaign"},
    "ctx_winners": {"campaign", "prize", "discount", "cta_soft", "cta_strong", "cta_now", "scarcity", "urgency", "offer"},
    "ctx_reply": {"price", "offer", "cta_soft", "launch", "scarcity"},
}
# "@anna it's 350 ₽ for the 250 g pack", «Привет, @dasha!»: an answer to one person.
_REPLY = re.compile(r"^\s*(?:(?:hi|hey|hello|dear|привет|здравствуйте|добрый\s+(?:день|вечер))\s*[,!]?\s*)?@\w+", re.IGNORECASE)
EVIDENCE_POSTS = 5

_SIGNALS = {
    kind: Phrases(en.PROMO.get(kind, []) + ru.PROMO.get(kind, []))
    for kind in sorted({*en.PROMO, *ru.PROMO})  # sorted: the same text gives the same signals, in the same order
}
_NEGATED = [re.compile(en.PROMO_NEGATED), re.compile(ru.PROMO_NEGATED)]
# Currency signs and words after an amount: "2900 rubles", «2 900 руб.», «290р», "12$", "3 тыс. ₽".
_CURRENCY = (
    r"(?:₽|\$|€|£|¥|₸|₴|руб(?:лей|ля|ль|\.)?|р\.?|rub|rubles?|roubles?|usd|eur|gbp|euros?|dollars?|bucks|cents?|грн|тенге)"
)
_PRICE = re.compile(
    r"[$€£₽]\s?\d[\d\s.,]*|\d[\d.,]*(?:\s\d{3})*\s?(?:(?:тыс|k|к|млн)\.?\s?)?" + _CURRENCY + r"(?!\w)",
    re.IGNORECASE,
)
# PROMO2026, AUTUMN20: capitals then digits, not an order number after "#" or a path.
_CODE = re.compile(r"(?<![\w#/])[A-ZА-ЯЁ]{3,}\d{2,}(?!\w)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"«»]+|(?<![\w@.])(?:[\w-]+\.)+[a-z]{2,}/[^\s<>\"«»]*", re.IGNORECASE)
_UTM = re.compile(r"[?&]utm_[a-z]+=", re.IGNORECASE)
_SHOP_ISH = re.compile(
    r"/(?:shop|store|product|catalog|catalogue|buy|cart|checkout|order|promo|sale|item)s?(?:[/?#.]|$)"
    r"|(?:^|[/.])(?:ozon\.ru|wildberries\.ru|amazon\.|aliexpress\.|market\.yandex\.|etsy\.com|ebay\.)",
    re.IGNORECASE,
)


def _domain_pattern(domain: str) -> re.Pattern[str]:
    """The shop domain (or any subdomain of it), written with or without a scheme."""
    domain = re.sub(r"^(?:https?://)?(?:www\.)?", "", domain.strip().lower()).rstrip("/")
    return re.compile(r"(?<![\w.-])(?:https?://)?(?:[\w-]+\.)*" + re.escape(domain) + r"(?![\w-])", re.IGNORECASE)


def promo_signals(text: str, rules: SelfPromotionRules) -> dict[str, list[str]]:
    """Kind of promotional signal → the fragments of text that show it."""
    lower = fold(text)
    found: dict[str, list[str]] = {}

    def add(kind: str, fragment: str) -> None:
        found.setdefault(kind, []).append(fragment.strip())

    for kind, phrases in _SIGNALS.items():
        spans = sorted({m.span() for m in phrases.finditer(lower)})
        for start, end in spans:
            if any(s < end and start < e for s, e in spans if (s, e) < (start, end)):
                continue  # one fragment per stretch of text, as one pattern of all the kind's phrases gave
            if not any(p.search(lower[max(start - 40, 0) : start]) for p in _NEGATED):
                add(kind, text[start:end])
    for match in _PRICE.finditer(text):
        add("price", match[0])
    for match in _CODE.finditer(text):
        add("code", match[0])
    urls = _URL.findall(text)
    for domain in rules.shop_domains:
        if domain.strip():
            for match in _domain_pattern(domain).finditer(text):
                add("shop_link", match[0])
    for url in urls:
        if _UTM.search(url):
            add("utm", url)
        if _SHOP_ISH.search(url):
            add("shop_ish_link", url)
    return found


def promo_score(text: str, rules: SelfPromotionRules) -> float:
    """How promotional a text is, in [0, 1]: ≥ rules.promo_threshold is an advert."""
    signals = promo_signals(text, rules)
    contexts = [kind for kind in signals if kind in CONTEXTS]
    if _REPLY.match(text):
        contexts += ["ctx_reply"] * ("price" in signals) + ["ctx_gift"] * ("birthday" in signals)
    explained = set().union(*(CONTEXTS[c] for c in contexts))
    remaining = 1.0
    for kind in signals:
        if kind not in explained:
            remaining *= 1.0 - WEIGHTS.get(kind, 0.0)
    score = 1.0 - remaining
    if "ad_label" in signals:  # a marked advert is an advert whatever else it says
        return round(max(score, WEIGHTS["ad_label"]), 4)
    if "service" in signals:
        score *= SERVICE_DAMPING
    if rules.register_model and score < rules.promo_threshold and text.strip() and register.flags(text, "promo"):
        return rules.promo_threshold  # the register model (trained, beside the signals) reads it as an advert
    return round(score, 4)


def _severity(share: float, rules: SelfPromotionRules) -> str | None:
    """critical above alert_share (rule of thirds), warning above warn_share (80/20), else None."""
    if share > rules.alert_share:
        return "critical"
    if share > rules.warn_share:
        return "warning"
    return None


def _limit(severity: str, rules: SelfPromotionRules) -> dict[str, str]:
    """Which rule of thumb the share breaks, en and ru."""
    if severity == "critical":
        return {
            "en": f"above {rules.alert_share:.0%}: more than the third the rule of thirds allows",
            "ru": f"больше {rules.alert_share:.0%}: больше трети, которую допускает правило третей",
        }
    return {
        "en": f"above the {rules.warn_share:.0%} of the 80/20 rule",
        "ru": f"больше {rules.warn_share:.0%} по правилу 80/20",
    }


def _stored_score(ctx: Context, post: Any) -> float:
    """A stored post's promo score, kept with its analysis: each sweep and `monitor check` reuse it."""
    return ctx.analysed(post, "promo_score", lambda: promo_score(post.text, ctx.rules.self_promotion))


def _draft_share(ctx: Context, text: str) -> list[tuple[TextHit, list[dict[str, Any]]]]:
    """The promotional share the draft would cause if posted now."""
    settings = ctx.rules.self_promotion
    last = ctx.latest_posts(settings.last_posts - 1)
    hit = share_if_posted(promo_score(text, settings), [_stored_score(ctx, p) for p in last], settings)
    return [] if hit is None else [(hit, [draft_evidence(text)])]


@rule(
    "self_promotion",
    "promo_share",
    window=lambda r: timedelta(days=30),
    reads=("post",),
    draft=_draft_share,
    expires=False,
    why={
        "en": "When every other post sells, followers stop reading and unfollow; the 80/20 rule keeps promotion to about a fifth "
        "of posts, the rule of thirds to a third at most, and platforms show ad-heavy accounts to fewer people.",
        "ru": "Когда продаёт каждый второй пост, подписчики перестают читать и отписываются; по правилу 80/20 реклама — "
        "около пятой части постов, по правилу третей — не больше трети, а площадки реже показывают рекламные аккаунты.",
    },
    todo={
        "en": "Hold back the next promotional posts and plan useful or entertaining ones (how-tos, the team, customers' stories) "
        "until the share is back under the limit; merge several offers into one post.",
        "ru": "Придержите следующие рекламные посты и запланируйте полезные или развлекательные (советы, команда, истории клиентов), "
        "пока доля не вернётся в норму; объединяйте несколько предложений в один пост.",
    },
)
def promo_share(ctx: Context) -> list[Detected]:
    """The share of promotional posts among the account's last posts, against the 80/20 and thirds limits."""
    settings = ctx.rules.self_promotion
    if not ctx.account.external_id:
        return []
    posts = ctx.latest_posts(settings.last_posts)
    # Scored (and stored) even when too few to judge: `monitor check` then reads the scores instead of the texts.
    scores = {p.external_id: _stored_score(ctx, p) for p in posts}
    if len(posts) < min(settings.min_posts, settings.last_posts):
        return []
    promos = [p for p in posts if scores[p.external_id] >= settings.promo_threshold]
    share = len(promos) / len(posts)
    severity = _severity(share, settings)
    if severity is None:
        return []
    limit = _limit(severity, settings)
    latest = promos[::-1][:EVIDENCE_POSTS]
    name = ctx.account.name
    return [
        Detected(
            key="share",
            severity=severity,
            summary={
                "en": f"{len(promos)} of the last {len(posts)} posts of {name} are promotional ({share:.0%}, {limit['en']})",
                "ru": f"{len(promos)} из последних {len(posts)} постов {name} — реклама ({share:.0%}, {limit['ru']})",
            },
            item_ids=[p.external_id for p in latest],
            evidence=[ctx.evidence(p) for p in latest],
            details={
                "share": round(share, 3),
                "promotional": len(promos),
                "posts": len(posts),
                "warn_share": settings.warn_share,
                "alert_share": settings.alert_share,
                "scores": {p.external_id: scores[p.external_id] for p in latest},
            },
        )
    ]


def share_if_posted(draft_score: float, recent_scores: list[float], rules: SelfPromotionRules | RulesSettings) -> TextHit | None:
    """The promotional share if a promotional draft were posted now (recent_scores oldest first), when above warn_share.

    A draft that is not promotional only lowers the share, so it is never a hit.
    """
    settings = rules.self_promotion if isinstance(rules, RulesSettings) else rules
    if draft_score < settings.promo_threshold:
        return None
    keep = settings.last_posts - 1
    scores = [*(recent_scores[-keep:] if keep else []), draft_score]
    if len(scores) < min(settings.min_posts, settings.last_posts):
        return None
    promotional = sum(score >= settings.promo_threshold for score in scores)
    share = promotional / len(scores)
    severity = _severity(share, settings)
    if severity is None:
        return None
    limit = _limit(severity, settings)
    return TextHit(
        severity=severity,
        fragments=[],
        summary={
            "en": f"This draft is promotional: posted now, {promotional} of the last {len(scores)} posts would be "
            f"promotional ({share:.0%}, {limit['en']})",
            "ru": f"Черновик рекламный: если опубликовать его сейчас, {promotional} из последних {len(scores)} постов "
            f"будут рекламой ({share:.0%}, {limit['ru']})",
        },
        details={"share": round(share, 3), "promotional": promotional, "posts": len(scores), "draft_score": round(draft_score, 4)},
    )
