"""Building an account's connector: the one place that reads its platform's settings and secrets."""

from __future__ import annotations

from connectors.archive import build as build_archive
from connectors.base import BuildRequest, Connector, Platform, platforms
from monitor.config_errors import ConfigError
from monitor.redact import register_secret
from monitor.settings import AccountSettings, Settings, resolve_secret


def secret_keys(settings: Settings, platform: Platform) -> list[tuple[str, str | None, str | None, str, bool]]:
    """(section, env name, file name, key, required) of every secret the platform's table names."""
    cfg = getattr(settings.connectors, platform.name)
    return [
        (f"connectors.{platform.name}", getattr(cfg, f"{s.key}_env", None), getattr(cfg, f"{s.key}_file", None), s.key, s.required)
        for s in platform.secrets
    ]


def source_of(env: str | None, file: str | None) -> str:
    """Where a secret came from, as an error message names it (never its value)."""
    return f"the environment variable {env}" if env else f"the file {file}"


def build_connector(settings: Settings, account: AccountSettings) -> Connector:
    """The account's connector: its archive, or its platform's connector with resolved secrets."""
    if account.source == "archive":
        return build_archive(account.platform, settings.resolve_path(account.archive or ""))
    platform = platforms().get(account.platform)
    if platform is None:
        raise ConfigError(f"{settings.path}: account {account.name!r}: this version has no {account.platform} connector")
    secrets: dict[str, str] = {}
    sources: dict[str, str] = {}
    for section, env, file, key, required in secret_keys(settings, platform):
        if not (env or file or required):
            continue
        value = resolve_secret(settings, section, env, file, key).get_secret_value()
        register_secret(value)
        secrets[key], sources[key] = value, source_of(env, file)
    from monitor.detectors.registry import registry

    rules = account.effective_rules
    return platform.build(
        BuildRequest(
            name=account.name,
            settings=getattr(settings.connectors, platform.name),
            target=account.target,
            secrets=secrets,
            sources=sources,
            history=registry().history(rules),
            recheck=registry().recheck(rules),
        )
    )
