"""Whether the bundle that decided may decide: signed, verified, active, and the revision asked for.

A decision names the revisions of the bundles its OPA holds (main.rego reads data.system.bundles,
the bundle manifests). For a central OPA that is not enough: an OPA started with a bundle and no
signing configuration, or with policy files, answers just as readily. So after the decisions,
OPA's own API is asked:

- GET /v1/config: every bundle that answered is configured with `signing.keyid`, and that key
  is configured (OPA then refuses to activate a bundle whose signature does not verify);
- GET /health?bundles: the bundles are activated;
- GET /v1/status, when the status plugin is on: the active revision is the one that decided.

`--require-revision REV` (local or central) then demands exactly REV of the deciding bundle.
Every doubt is an EngineError (exit 3).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from casegate.engine.client import make_client, redact, within
from casegate.engine.endpoint import Endpoint, EngineSettings
from casegate.engine.evaluate import Evaluation
from casegate.errors import EngineError
from casegate.messages import Message
from casegate.messages import engine as messages

#: The bundle name central/opa-config.yaml gives the policy bundle.
POLICY_BUNDLE = "casegate"


@dataclass(frozen=True)
class Deciding:
    """The bundle that decided: its name, its revision and (centrally) the key that verified it."""

    name: str
    revision: str
    key_ids: tuple[str, ...] = ()


def _error(detail: Message, /, **fields: object) -> EngineError:
    """The error "The central OPA's policy cannot be trusted: <detail>.", under the detail's own code."""
    return EngineError.of(messages.CENTRAL_UNTRUSTED, code=detail.code, detail=detail.text(**fields))


def deciding_bundle(evaluation: Evaluation) -> tuple[str, str]:
    """(name, revision) of the bundle holding the policy: "casegate", else the only one."""
    bundles = evaluation.bundles
    if POLICY_BUNDLE in bundles:
        return POLICY_BUNDLE, bundles[POLICY_BUNDLE]
    if len(bundles) == 1:
        return next(iter(bundles.items()))
    names = ", ".join(sorted(bundles)) or "-"
    raise _error(messages.DECIDING_BUNDLE_UNKNOWN, names=names, bundle=POLICY_BUNDLE)


def require_revision(deciding: Deciding, required: str | None) -> None:
    """--require-revision: exactly REV, or exit 3."""
    if required is not None and deciding.revision != required:
        raise EngineError.of(messages.REVISION_NOT_REQUIRED, revision=deciding.revision, required=required)


def confirm_local(evaluation: Evaluation, required: str | None) -> Deciding:
    """The private OPA: it loaded exactly the bundle staged or verified for it (engine checks that).

    It must name that one bundle and nothing else: its API is open to every program on the
    machine, which can write a manifest into data.system.bundles (a bundle named "casegate",
    which deciding_bundle would prefer, with whatever revision --require-revision asks for).
    """
    if len(evaluation.bundles) != 1:
        names = ", ".join(sorted(evaluation.bundles)) or "-"
        raise EngineError.of(messages.LOCAL_OPA_WRITTEN, names=names)
    name, revision = deciding_bundle(evaluation)
    deciding = Deciding(name, revision)
    require_revision(deciding, required)
    return deciding


def confirm_central(
    endpoint: Endpoint, settings: EngineSettings, evaluation: Evaluation, required: str | None
) -> Deciding:
    """Ask the central OPA's API whether the bundles that answered were signed and activated."""
    client = make_client(endpoint, settings)
    try:
        # Each answer within a bounded time (client.within): one that never ends held casegate for ever.
        config = _get(endpoint, lambda: within(endpoint, settings, client.get_config), "/v1/config")
        active = within(endpoint, settings, lambda: client.check_health(query={"bundles": "true"}))
        try:
            status: Mapping[str, Any] | None = _get(
                endpoint, lambda: within(endpoint, settings, client.get_status), "/v1/status"
            )
        except EngineError:  # the status plugin may be off; health and config still decide
            status = None
    finally:
        client.close_connection()
    name, revision = deciding_bundle(evaluation)
    key_ids = _signing_key_ids(config, evaluation.bundles)
    if not active:
        raise _error(messages.BUNDLE_NOT_ACTIVE)
    _check_status(status, name, revision)
    deciding = Deciding(name, revision, key_ids)
    require_revision(deciding, required)
    return deciding


def _get(endpoint: Endpoint, call: Callable[[], Any], path: str) -> Mapping[str, Any]:
    import requests

    try:
        body = call()
    except requests.exceptions.HTTPError as error:
        status = error.response.status_code if error.response is not None else 0
        text = redact(str(getattr(error.response, "text", "")), endpoint.token)
        raise _error(
            messages.CENTRAL_API_REFUSED, url=endpoint.url, api=path, status=status, text=text
        ) from error
    except (requests.exceptions.RequestException, ValueError) as error:
        raise _error(
            messages.CENTRAL_API_FAILED, url=endpoint.url, api=path, why=type(error).__name__
        ) from error
    result = body.get("result") if isinstance(body, Mapping) else None
    if not isinstance(result, Mapping):
        raise _error(messages.CENTRAL_API_SHAPE, api=path)
    return result


def _signing_key_ids(config: Mapping[str, Any], bundles: Mapping[str, str]) -> tuple[str, ...]:
    """The key id verifying each bundle that answered; a bundle without one is refused."""
    configured = config.get("bundles")
    keys = config.get("keys")
    configured = configured if isinstance(configured, Mapping) else {}
    keys = keys if isinstance(keys, Mapping) else {}
    key_ids: set[str] = set()
    unsigned: list[str] = []
    for name in sorted(bundles):
        entry = configured.get(name)
        signing = entry.get("signing") if isinstance(entry, Mapping) else None
        key_id = signing.get("keyid") if isinstance(signing, Mapping) else None
        if not isinstance(key_id, str) or not key_id or not isinstance(keys.get(key_id), Mapping):
            unsigned.append(name)
        else:
            key_ids.add(key_id)
    if unsigned:
        names = ", ".join(unsigned)
        raise _error(messages.BUNDLE_NOT_SIGNED, names=names)
    return tuple(sorted(key_ids))


def _check_status(status: Mapping[str, Any] | None, name: str, revision: str) -> None:
    """With the status plugin on: the active revision must be the one that decided."""
    bundles = status.get("bundles") if status is not None else None
    entry = bundles.get(name) if isinstance(bundles, Mapping) else None
    if not isinstance(entry, Mapping):
        return  # no status plugin: /health and /v1/config have decided
    active = entry.get("active_revision")
    if active != revision:
        raise _error(messages.REVISION_CHANGED, revision=revision, active=active)
