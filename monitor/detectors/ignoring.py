"""Mistake 3, ignoring everyone else: mentions and comments left without an answer."""

from __future__ import annotations

from datetime import timedelta

from monitor.detectors import Context, Detected, display_author, evidence_of, rule
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


def _question_summary(kind: str, author: str, brand: str, age: timedelta) -> dict[str, str]:
    en, ru = human_age(age, "en"), human_age(age, "ru")
    if kind == "comment":
        return {
            "en": f"{author} commented on a post of {brand} {en} ago and has had no reply",
            "ru": f"{author} оставил(а) комментарий под постом {brand} {ru} назад и не получил(а) ответа",
        }
    return {
        "en": f"{author} wrote to {brand} {en} ago and has had no reply",
        "ru": f"{author} написал(а) {brand} {ru} назад и не получил(а) ответа",
    }


def unanswered(ctx: Context, kind: str, rule_name: str) -> list[Detected]:
    """Items of `kind` by others, older than reply_within and not answered by the account."""
    settings = ctx.rules.ignoring
    own_id = ctx.account.external_id
    if not own_id:
        return []
    since = ctx.now - settings.max_age
    own = [i for i in account_items(ctx.session, ctx.account.id, since=since) if i.author_id == own_id]
    found = []
    for item in account_items(ctx.session, ctx.account.id, since=since, kinds=[kind]):
        if item.author_id == own_id or item.is_share:
            continue
        age = ctx.now - item.created_at
        if age < settings.reply_within or is_answered(item, own, own_id):
            continue
        author = display_author(item)
        brand = f"@{ctx.account.handle}" if ctx.account.handle and ctx.account.platform == "x" else ctx.account.name
        found.append(
            Detected(
                mistake="ignoring",
                rule=rule_name,
                key=item.external_id,
                severity="critical" if age.total_seconds() >= 86400 else "warning",
                summary=_question_summary(kind, author, brand, age),
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


@rule(
    "ignoring",
    "unanswered_comment",
    why={
        "en": "A comment left without an answer under the brand's own post tells every reader that nobody is listening.",
        "ru": "Комментарий без ответа под постом бренда показывает всем читателям, что их никто не слушает.",
    },
    todo={
        "en": "Reply to the comment on the Page (a reply to the comment itself, so the author is notified).",
        "ru": "Ответьте на комментарий от имени страницы (ответом на сам комментарий, чтобы автор получил уведомление).",
    },
)
def unanswered_comment(ctx: Context) -> list[Detected]:
    """A comment by someone else, unanswered by a Page comment after reply_within."""
    return unanswered(ctx, "comment", "unanswered_comment")


@rule(
    "ignoring",
    "unanswered_message",
    why={
        "en": "A private message is a customer asking for help directly; Facebook shows Page response times to everyone.",
        "ru": "Личное сообщение — это прямая просьба о помощи; Facebook показывает всем, как быстро страница отвечает.",
    },
    todo={
        "en": "Answer the conversation in the Page inbox, or send a short holding reply and follow up.",
        "ru": "Ответьте в диалоге во входящих страницы или пришлите короткий ответ «занимаемся» и вернитесь с решением.",
    },
)
def unanswered_message(ctx: Context) -> list[Detected]:
    """A conversation whose latest message is not from the account, older than reply_within."""
    settings = ctx.rules.ignoring
    own_id = ctx.account.external_id
    if not own_id:
        return []
    latest: dict[str, Item] = {}
    for item in account_items(ctx.session, ctx.account.id, since=ctx.now - settings.max_age, kinds=["message"]):
        if item.conversation_id:
            latest[item.conversation_id] = item  # oldest first, so the last one wins
    found = []
    for conversation, item in latest.items():
        age = ctx.now - item.created_at
        if item.author_id == own_id or age < settings.reply_within:
            continue
        author = display_author(item)
        found.append(
            Detected(
                mistake="ignoring",
                rule="unanswered_message",
                key=conversation,
                severity="critical" if age.total_seconds() >= 86400 else "warning",
                summary={
                    "en": f"{author} messaged {ctx.account.name} {human_age(age, 'en')} ago and is waiting for an answer",
                    "ru": f"{author} написал(а) {ctx.account.name} в личные сообщения {human_age(age, 'ru')} назад и ждёт ответа",
                },
                item_ids=[item.external_id],
                evidence=[evidence_of(item)],
                details={"age_seconds": int(age.total_seconds()), "conversation_id": conversation},
            )
        )
    return found
