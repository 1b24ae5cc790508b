"""Store.batch: many store calls, one transaction."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from followup.adapters.store.store import Store
from followup.domain.model import Application, Profile
from followup.services import demo
from followup.services.context import AppContext
from followup.settings import Settings


def test_a_batch_commits_everything_or_nothing(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        seen: list[int] = []

        def half_a_batch() -> None:
            with store.batch():
                profile = store.save_profile(Profile(name="Ana"))
                store.add_application(Application("Acme", "Analyst", profile_id=profile.id))
                seen.append(store.count("applications"))  # reads see the batch's writes
                raise RuntimeError("halfway")

        with pytest.raises(RuntimeError, match="halfway"):
            half_a_batch()
        assert seen == [1]
        assert store.count("profiles") == 0
        assert store.count("applications") == 0
        with store.batch():
            profile = store.save_profile(Profile(name="Ana"))
            store.add_application(Application("Acme", "Analyst", profile_id=profile.id))
        assert store.count("applications") == 1
    finally:
        store.close()


def test_an_interrupted_demo_seed_leaves_the_database_empty(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(flags={"database_url": db_url}, env={})
    ctx = AppContext(settings, clock=lambda: datetime(2026, 11, 22, 15, tzinfo=UTC))
    calls = {"n": 0}
    real = Store.record_interview

    def flaky(self: Store, *args: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "record_interview", flaky)
    with pytest.raises(KeyboardInterrupt):
        demo.seed_if_empty(ctx)
    assert ctx.store.is_empty()
    assert ctx.store.count("interviews") == 0
    monkeypatch.setattr(Store, "record_interview", real)
    assert demo.seed_if_empty(ctx) == len(demo.CASES)
    assert demo.seed_if_empty(ctx) == 0
    ctx.close()
