from communique.evaluate.actors import batch_line, run, score_record


def test_score_record_rules():
    record = {"expected": {"country": "USA", "code_1": "MIL"}}
    actor = {"code": "USA", "sector": "GOV", "sectors": ["GOV", "MIL"]}
    assert score_record(record, actor) == {"country": True, "sector": True}
    assert score_record({"expected": {"cc": "", "code_1": "????"}}, actor) == {"country": None, "sector": None}


def test_batch_line_keeps_only_iso_dates():
    assert batch_line({"id": 1, "text": "x", "query_date": "10 May 2015"})["date"] is None
    assert batch_line({"id": 1, "text": "x", "query_date": "2015-05-10"})["date"] == "2015-05-10"


def test_actor_suite_meets_its_floor(shared_dir):
    report = run([str(shared_dir / "data" / "actors" / "ngec_actor_resolution_dev.jsonl")])
    assert report.summary["country_accuracy"] >= 0.85
    assert report.summary["sector_accuracy"] >= 0.75
