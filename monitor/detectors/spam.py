"""Mistake 4, spamming: the same update again and again, floods of posts, messages after "stop"."""

from __future__ import annotations

from collections import deque

import re
from collections.abc import Iterable
from datetime import timedelta
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process

from monitor.detectors import Context, Detected, display_author, evidence_of, rule
from monitor.detectors.planning import posts_ru
from monitor.store.models import Item
from monitor.store.repo import account_items
from monitor.text.ages import human_age
from monitor.text.normalize import normalize_post

FLOOD_EVIDENCE = 10
# A clear request to stop, word for word (contractions are expanded: "don't" is "do not").
OPT_OUT_PHRASES = (
    "unsubscribe", "opt out", "opt-out", "do not message me", "stop messaging me", "leave me alone",
    "stop sending", "stop texting", "stop spamming", "do not contact me", "do not text me", "do not write to me",
    "отписаться", "отпишите меня", "не пишите мне", "хватит писать", "больше не пишите", "не пишите больше",
    "хватит спамить", "перестаньте писать", "перестаньте мне писать", "не присылайте мне",
)
# "stop" counts only as a sentence of its own ("STOP", "Stop it, please"), never in "bus stop" or "non-stop".
_STOP_ALONE = {"stop", "стоп"}
_CLAUSE_ENDS = ",.!?;\n…"
SHORT_TAIL = 4
_FILLER = {"please", "pls", "plz", "just", "now", "it", "that", "this", "all", "ok", "okay", "already", "thanks",
           "пожалуйста", "плиз", "уже", "все", "сейчас", "это", "ну", "так", "немедленно", "спасибо"}
_NEGATIONS = {"not", "never", "не", "никогда"}
_SENTENCES = re.compile(r"[^.!?;\n…]+[.!?;\n…]*")  # each sentence with its closing punctuation
# Questions about opting out ("How do I unsubscribe?"), unlike polite requests («Можно без рассылок?»).
_QUESTION = re.compile(
    r"(?i)(how|what|where|when|why|which|can i|could i|may i|do i|is it|is there|как|где|когда|почему|зачем|что|можно ли|могу ли)\b"
)
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def _words(text: str) -> list[str]:
    """Lower-case words, ё as е, contractions expanded ("don't" → "do not")."""
    words: list[str] = []
    for word in _WORD.findall(text.lower().replace("ё", "е").replace("’", "'")):
        if word.endswith("n't"):
            words += [word[:-3] or "do", "not"]
        elif word in ("dont", "cannot"):
            words += ["do" if word == "dont" else "can", "not"]
        else:
            words.append(word)
    return words


_BUILT_IN = [tuple(_words(phrase)) for phrase in OPT_OUT_PHRASES]


def is_opt_out(text: str, extra_phrases: Iterable[str] = ()) -> bool:
    """Whether a message asks the brand to stop writing (en/ru, word-level, case-insensitive).

    A lone "stop"/«стоп» counts only as the whole message ("STOP", "stop please"), never as
    the start of a complaint ("Stop, you charged me twice"); a question ("How do I
    unsubscribe?", «Можно ли отписаться…?») asks about opting out rather than doing it.
    """
    first, _, rest = text.strip().partition(next((c for c in text if c in _CLAUSE_ENDS), "\0"))
    first_core = [w for w in _words(first) if w not in _FILLER]
    rest_core = [w for w in _words(rest) if w not in _FILLER]
    # "STOP", "Stop, I'm not interested": a stop with at most a short tail; "Stop, you charged me twice…" is a complaint.
    if first_core and all(w in _STOP_ALONE for w in first_core) and len(rest_core) <= SHORT_TAIL:
        return True
    phrases = _BUILT_IN + [tuple(_words(phrase)) for phrase in extra_phrases]
    for sentence in _SENTENCES.findall(text):
        if sentence.rstrip().endswith("?") and _QUESTION.match(sentence.strip()):
            continue
        words = _words(sentence)
        for phrase in phrases:
            size = len(phrase)
            for start in range(len(words) - size + 1):
                if size and tuple(words[start : start + size]) == phrase and not _negated(words[:start]):
                    return True
    return False


def _negated(before: list[str]) -> bool:
    """Whether the two words before a phrase negate it ("do not want to unsubscribe", «не хочу отписаться»)."""
    return bool(_NEGATIONS & set([w for w in before if w != "to"][-2:]))


def find_repeats(posts: list[Item], window_seconds: float, similarity: float, min_length: int) -> list[tuple[Item, Item, float]]:
    """(original, repeat, score) for every post that repeats an earlier one within the window.

    posts must be oldest first. Exact repeats (after normalisation) are found by
    dictionary; near-duplicates by rapidfuzz against the earlier posts in the window.
    """
    repeats = []
    window_posts: deque[Item] = deque()  # the earlier posts still inside the window, oldest first
    window_texts: deque[str] = deque()
    first_by_text: dict[str, Item] = {}
    for post in posts:
        norm = normalize_post(post.text)
        while window_posts and (post.created_at - window_posts[0].created_at).total_seconds() > window_seconds:
            window_posts.popleft()
            window_texts.popleft()
        if len(norm) >= min_length and window_posts:
            same = first_by_text.get(norm)
            if same is not None and (post.created_at - same.created_at).total_seconds() <= window_seconds:
                repeats.append((same, post, 1.0))
            else:
                match = process.extractOne(norm, window_texts, scorer=fuzz.ratio, score_cutoff=similarity * 100)
                if match is not None:
                    repeats.append((window_posts[match[2]], post, match[1] / 100))
        first_by_text.setdefault(norm, post)
        window_posts.append(post)
        window_texts.append(norm)
    return repeats


@rule(
    "spam",
    "repeated_update",
    why={
        "en": "Followers see the same update twice and tune out; platforms also rank repeated content lower and may flag it as spam.",
        "ru": "Подписчики видят одно и то же дважды и перестают читать; площадки понижают повторы в ленте и могут счесть их спамом.",
    },
    todo={
        "en": "Delete or rewrite the repeat; if the news matters again, give it a new angle, a new image or new facts.",
        "ru": "Удалите или перепишите повтор; если новость снова важна, подайте её иначе: новый угол, картинка или факты.",
    },
)
def repeated_update(ctx: Context) -> list[Detected]:
    """Own posts (not replies) that repeat an earlier own post within the window."""
    settings = ctx.rules.spam
    own_id = ctx.account.external_id
    if not own_id:
        return []
    posts = [
        p
        for p in account_items(ctx.session, ctx.account.id, since=ctx.now - 2 * settings.window, kinds=["post"])
        if p.author_id == own_id and not p.is_share
    ]
    window = settings.window.total_seconds()
    found = []
    for original, repeat, score in find_repeats(posts, window, settings.similarity, settings.min_length):
        if (ctx.now - repeat.created_at).total_seconds() > window:
            continue
        exact = score >= 1.0
        days = max((repeat.created_at - original.created_at).days, 0)
        found.append(
            Detected(
                mistake="spam",
                rule="repeated_update",
                key=repeat.external_id,
                severity="warning",
                summary={
                    "en": f"{ctx.account.name} posted the same update again after {days} day(s)"
                    + ("" if exact else f" (near-duplicate, {score:.0%} similar)"),
                    "ru": f"{ctx.account.name} повторил(а) ту же публикацию через {days} дн."
                    + ("" if exact else f" (почти дубликат, сходство {score:.0%})"),
                },
                item_ids=[original.external_id, repeat.external_id],
                evidence=[evidence_of(original), evidence_of(repeat)],
                details={"similarity": round(score, 3), "exact": exact},
            )
        )
    return found


def find_floods(posts: list[Item], window: timedelta, max_posts: int) -> list[list[Item]]:
    """Runs of posts (oldest first) where some span of `window` holds more than max_posts of them."""
    floods: list[list[Item]] = []
    current: list[Item] = []
    covered_until, end = -1, 0
    for start, post in enumerate(posts):
        end = max(end, start)
        while end + 1 < len(posts) and posts[end + 1].created_at - post.created_at <= window:
            end += 1
        if end - start + 1 > max_posts:
            covered_until = max(covered_until, end)
        # A flood ends at a post outside every over-full window, or at a pause longer than the window.
        if current and (start > covered_until or post.created_at - current[-1].created_at > window):
            floods.append(current)
            current = []
        if start <= covered_until:
            current.append(post)
    if current:
        floods.append(current)
    return floods


@rule(
    "spam",
    "flooding",
    why={
        "en": "A pile of posts within an hour floods followers' feeds; people mute or unfollow accounts that do it, and the algorithm shows each post to fewer of them.",
        "ru": "Пачка постов за час забивает ленту подписчиков; такие аккаунты отключают и отписываются от них, а алгоритм показывает каждый пост меньшему числу людей.",
    },
    todo={
        "en": "Spread the posts out with a scheduler (a few hours apart), or merge them into one post or a thread.",
        "ru": "Разнесите публикации по времени через отложенный постинг (с интервалом в несколько часов) или объедините их в один пост или тред.",
    },
)
def flooding(ctx: Context) -> list[Detected]:
    """More than flood_max_posts own posts within any flood_window, the flood's last post within flood_lookback."""
    settings = ctx.rules.spam
    own_id = ctx.account.external_id
    if not own_id:
        return []
    # Shares count too: a burst of retweets floods the feed just the same. Twice the lookback is
    # loaded so that a flood keeps its first post (its key) while it ages out of the lookback.
    since = ctx.now - 2 * settings.flood_lookback - settings.flood_window
    posts = [
        p
        for p in account_items(ctx.session, ctx.account.id, since=since, kinds=["post"])
        if p.author_id == own_id and p.created_at <= ctx.now
    ]
    zone = ZoneInfo(ctx.settings.timezone)
    found = []
    for flood in find_floods(posts, settings.flood_window, settings.flood_max_posts):
        if flood[-1].created_at < ctx.now - settings.flood_lookback:
            continue
        first, count = flood[0], len(flood)
        span = flood[-1].created_at - first.created_at
        local = first.created_at.astimezone(zone)
        shown = flood[:FLOOD_EVIDENCE]
        window_en, window_ru = human_age(settings.flood_window, "en"), human_age(settings.flood_window, "ru")
        found.append(
            Detected(
                mistake="spam",
                rule="flooding",
                key=first.external_id,
                severity="warning",
                summary={
                    "en": f"{ctx.account.name} published {count} posts in {human_age(span, 'en')} "
                    f"(from {local:%d %b %H:%M}, {ctx.settings.timezone}); the limit is {settings.flood_max_posts} per {window_en}",
                    "ru": f"{ctx.account.name} опубликовал(а) {count} {posts_ru(count)} за {human_age(span, 'ru')} "
                    f"(с {local:%d.%m %H:%M}, {ctx.settings.timezone}); допустимо не больше {settings.flood_max_posts} за {window_ru}",
                },
                item_ids=[p.external_id for p in shown],
                evidence=[evidence_of(p) for p in shown],
                details={"posts": count, "span_seconds": int(span.total_seconds()), "max_posts": settings.flood_max_posts},
            )
        )
    return found


@rule(
    "spam",
    "message_after_opt_out",
    why={
        "en": "Writing again to someone who asked you to stop is spam by any definition: it gets the Page reported and blocked, and in many countries it breaks the law.",
        "ru": "Писать человеку, который попросил больше не писать, — спам по любому определению: на страницу жалуются и блокируют её, а во многих странах это ещё и нарушение закона.",
    },
    todo={
        "en": "Stop messaging this person, take them off every broadcast and automation list, and apologise only if they write to you again.",
        "ru": "Больше не пишите этому человеку, уберите его из всех рассылок и автоматических цепочек; извинитесь, только если он сам напишет снова.",
    },
)
def message_after_opt_out(ctx: Context) -> list[Detected]:
    """An account message in a conversation after the person asked to stop, and before they wrote again."""
    settings = ctx.rules.spam
    own_id = ctx.account.external_id
    if not own_id:
        return []
    # The whole stored history: an opt-out does not expire, only the person writing again lifts it.
    conversations: dict[str, list[Item]] = {}
    for item in account_items(ctx.session, ctx.account.id, kinds=["message"]):
        if item.conversation_id and item.created_at <= ctx.now:
            conversations.setdefault(item.conversation_id, []).append(item)
    report_since = ctx.now - settings.window
    found = []
    for messages in conversations.values():
        opt_out: Item | None = None
        acknowledged = False
        for message in messages:
            if message.author_id != own_id:
                opt_out = message if is_opt_out(message.text, settings.opt_out_phrases) else None
                acknowledged = False
                continue
            if opt_out is None:
                continue
            after = message.created_at - opt_out.created_at
            if not acknowledged and after < settings.opt_out_grace:
                acknowledged = True  # one "you are unsubscribed" right after the request is good manners
                continue
            if message.created_at < report_since:
                continue
            person = display_author(opt_out)
            found.append(
                Detected(
                    mistake="spam",
                    rule="message_after_opt_out",
                    key=message.external_id,
                    severity="critical",
                    summary={
                        "en": f"{ctx.account.name} messaged {person} {human_age(after, 'en')} after they asked to stop",
                        "ru": f"{ctx.account.name} написал(а) {person} через {human_age(after, 'ru')} после просьбы больше не писать",
                    },
                    item_ids=[opt_out.external_id, message.external_id],
                    evidence=[evidence_of(opt_out), evidence_of(message)],
                    details={"conversation_id": message.conversation_id, "after_seconds": int(after.total_seconds())},
                )
            )
    return found
