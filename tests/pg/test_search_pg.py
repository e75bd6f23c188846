"""Search on PostgreSQL: accent-insensitive, newest first, served by the trigram index.

Speed itself is measured in bench/; here: the plan PostgreSQL picks on a table of realistic
size uses the trigram index for a rare word, and results stay right across the boundary
between the newest rows (scanned directly) and older ones (found through the index).
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from counter_app.services import dossiers
from counter_app.services.context import SYSTEM, Core
from tests.support.factories import register, vn

FILLER_ROWS = 30_000


def _fill(core: Core, rows: int) -> None:
    """Copies of one registered dossier with other names: a table the planner takes seriously."""
    register(core, name="Mẫu Khởi Tạo", received_at=vn(2026, 11, 23, 8))
    with core.db.engine.begin() as conn:
        columns = [
            c
            for c in conn.execute(
                text(
                    "SELECT column_name FROM information_schema.columns WHERE "
                    "table_name = 'dossiers' AND column_name <> 'id' ORDER BY ordinal_position"
                )
            ).scalars()
        ]
        chosen = {
            "code": "'F-' || g",
            "seq": "g + 1000",
            "search_text": "(ARRAY['nguyen','tran','le','pham','hoang'])[1 + g % 5] || ' van ' "
            "|| (ARRAY['an','binh','cuong','dung'])[1 + g % 4] || ' x' || md5(g::text)",
        }
        select_list = ", ".join(chosen.get(c, c) for c in columns)
        conn.execute(
            text(
                f"INSERT INTO dossiers ({', '.join(columns)}) SELECT {select_list} "
                f"FROM dossiers, generate_series(1, {rows}) AS g WHERE dossiers.code NOT LIKE 'F-%'"
            )
        )
        conn.execute(text("ANALYZE dossiers"))


@pytest.mark.slow
def test_a_rare_word_is_found_through_the_trigram_index(pg_ready: Core) -> None:
    _fill(pg_ready, FILLER_ROWS)
    code = register(pg_ready, name="Đoàn Thị Xuyến", received_at=vn(2026, 11, 23, 9)).code
    with pg_ready.db.engine.connect() as conn:
        plan = "\n".join(
            conn.execute(
                text(
                    "EXPLAIN SELECT id FROM dossiers WHERE search_text ~ '(^| )xuyen' "
                    "ORDER BY id DESC LIMIT 50"
                )
            ).scalars()
        )
    assert "ix_dossiers_search_trgm" in plan
    assert [r.code for r in dossiers.search(pg_ready, SYSTEM, "xuyen")] == [code]
    assert [r.code for r in dossiers.search(pg_ready, SYSTEM, "doan thi xuy")] == [code]
    # Two common words that never meet: answered without a result, not by a full walk
    # (the walk is what bench/bench_pg.py times); here the answer must be right.
    assert dossiers.search(pg_ready, SYSTEM, "nguyen tran") == []


@pytest.mark.parametrize(
    ("windows", "cap"),
    [((1000, 1000), 2000), ((3, 3), 2000), ((2, 2), 2), ((1, 4), 3)],
    ids=["window only", "window then index", "index cap then walk", "two windows"],
)
def test_results_stay_newest_first_whichever_path_finds_them(
    pg_ready: Core, monkeypatch: pytest.MonkeyPatch, windows: tuple[int, int], cap: int
) -> None:
    monkeypatch.setattr(dossiers, "PG_WINDOWS", windows)
    monkeypatch.setattr(dossiers, "PG_INDEX_CAP", cap)
    given = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh"]
    codes = [
        register(pg_ready, name=f"Lê Văn Đức {g}", received_at=vn(2026, 11, 23, 8, i)).code
        for i, g in enumerate(given)
    ]
    hoa = register(pg_ready, name="Phạm Thị Hoa", received_at=vn(2026, 11, 23, 8, 30)).code
    found = [r.code for r in dossiers.search(pg_ready, SYSTEM, "le duc", limit=5)]
    assert found == codes[::-1][:5]
    older = dossiers.search(pg_ready, SYSTEM, "le duc", limit=5, before_id=_id(pg_ready, found))
    assert [r.code for r in older] == codes[::-1][5:]
    assert [r.code for r in dossiers.search(pg_ready, SYSTEM, "DUC AN")] == [codes[0]]
    assert [r.code for r in dossiers.search(pg_ready, SYSTEM, "hoa")] == [hoa]


def _id(core: Core, codes: list[str]) -> int:
    return min(r.id for r in dossiers.search(core, SYSTEM, "le duc", limit=50) if r.code in codes)
