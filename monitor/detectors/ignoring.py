"""Mistake 3, ignoring everyone else: mentions and comments left without an answer."""

from __future__ import annotations

from monitor.detectors import Context, Detected, evidence_of, rule
from monitor.store.models import Item
from monitor.store.repo import account_items
from monitor.text.ages import human_age


def is_answered(question: Item, own_items: list[Item], own_id: str) -> bool:
    """Answered as DESIGN.md defines: a direct reply, or a later reply to the author in the thread."""
    for reply in own_items:
        if reply.reply_to_id == question.external_id:
            return True
        if (
            question.conversation_id
            and reply.conversation_id == question.conversation_id
            and reply.reply_to_author_id == question.author_id
            and reply.created_at > question.created_at
        ):
            return True
    return False


def unanswered(ctx: Context, kind: str, rule_name: str) -> list[Detected]:
    """Items of `kind` by others, older than reply_within and not answered by the account."""
    settings = ctx.rules.ignoring
    own_id = ctx.account.external_id
    if not own_id:
        return []
    since = ctx.now - settings.max_age
    items = account_items(ctx.session, ctx.account.id, since=since)
    own = [i for i in items if i.author_id == own_id]
    found = []
    for item in items:
        if item.kind != kind or item.author_id == own_id or item.is_share:
            continue
        age = ctx.now - item.created_at
        if age < settings.reply_within or is_answered(item, own, own_id):
            continue
        author = f"@{item.author_handle}" if item.author_handle else (item.author_id or "?")
        brand = f"@{ctx.account.handle}" if ctx.account.handle else ctx.account.name
        found.append(
            Detected(
                mistake="ignoring",
                rule=rule_name,
                key=item.external_id,
                severity="critical" if age.total_seconds() >= 86400 else "warning",
                summary={
                    "en": f"{author} wrote to {brand} {human_age(age, 'en')} ago and has had no reply",
                    "ru": f"{author} написал(а) {brand} {human_age(age, 'ru')} назад и не получил(а) ответа",
                },
                item_ids=[item.external_id],
                evidence=[evidence_of(item)],
                details={"age_seconds": int(age.total_seconds()), "reply_within_seconds": int(settings.reply_within.total_seconds())},
            )
        )
    return found


@rule(
    "ignoring",
    "unanswered_mention",
    why={
        "en": "People who mention the brand expect an answer; silence reads as indifference and is seen by everyone who follows the thread.",
        "ru": "Тот, кто упоминает бренд, ждёт ответа; молчание выглядит как равнодушие, и его видят все, кто читает ветку.",
    },
    todo={
        "en": "Reply to the mention (even a short acknowledgement), or hand it to support and say so in the reply.",
        "ru": "Ответьте на упоминание (хотя бы коротко) или передайте вопрос поддержке и напишите об этом в ответе.",
    },
)
def unanswered_mention(ctx: Context) -> list[Detected]:
    """A mention by someone else, not a retweet, unanswered after reply_within."""
    return unanswered(ctx, "mention", "unanswered_mention")
