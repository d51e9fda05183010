"""Readers: every input gives exactly one well-formed Document per article, bad ones too."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from communique.ingest.readers import read_inputs, read_path, read_stream


def read_one(path: Path, **kwargs) -> list:
    return list(read_path(path, **kwargs))


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_txt_header_with_leading_space(tmp_path: Path) -> None:
    path = write(
        tmp_path, "a.txt", " date 2023-09-19 Chinese FM calls on China\n\nMOSCOW -- Text.\n"
    )
    [doc] = read_one(path)
    assert (doc.published, doc.title, doc.id) == ("2023-09-19", "Chinese FM calls on China", "a")
    assert doc.text == "MOSCOW -- Text."


def test_txt_without_header(tmp_path: Path) -> None:
    [doc] = read_one(write(tmp_path, "b.txt", "Plain article text.\r\nSecond line.\r\n"))
    assert doc.published is None and doc.text == "Plain article text.\nSecond line."


def test_jsonl_text_kept_exactly_and_meta(tmp_path: Path) -> None:
    text = "  Lead\u2028line\u200b with\r odd\tspacing \x00 "
    lines = [
        json.dumps(
            {
                "id": 7,
                "text": text,
                "date": "2016-09-26T10:00:00Z",
                "publisher": "UPI",
                "title": "T",
                "url": "http://x",
            }
        ),
        "",
        json.dumps({"id": "b", "text": "Second.", "published": "2016-09-27"}),
    ]
    docs = read_one(write(tmp_path, "a.jsonl", "\n".join(lines) + "\n"))
    assert [d.id for d in docs] == ["7", "b"]
    assert docs[0].text == text
    assert docs[0].published == "2016-09-26" and docs[0].meta == {"publisher": "UPI"}
    assert "invisible_controls_kept" in docs[0].flags
    assert docs[1].published == "2016-09-27"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("{not json", "bad_json"),
        ("[1, 2]", "bad_record"),
        ('{"id": "x"}', "missing_text"),
        ('{"id": "x", "text": 5}', "missing_text"),
        ('{"id": "x", "text": "   "}', "missing_text"),
        ("[" * 100_000 + "]" * 100_000, "bad_json"),
    ],
)
def test_bad_jsonl_lines_each_give_one_error(tmp_path: Path, line: str, code: str) -> None:
    good = json.dumps({"id": "ok", "text": "Fine."})
    docs = read_one(write(tmp_path, "c.jsonl", f"{good}\n{line}\n{good}\n"))
    assert [d.error.code if d.error else None for d in docs] == [None, code, None]
    assert docs[1].meta["line"] == 2


def test_jsonl_bad_date_kept_in_meta(tmp_path: Path) -> None:
    [doc] = read_one(
        write(tmp_path, "d.jsonl", json.dumps({"id": "x", "text": "T.", "date": "Sept 2016"}))
    )
    assert doc.published is None and doc.meta["unparsed_date"] == "Sept 2016"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n\t ", "empty"),
        ("empty.jsonl", b"\n\n", "empty"),
        ("header_only.txt", b"date 2023-09-19 Title\n\n", "empty"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("zeros.txt", b"\x00" * 1000, "binary"),
        ("binary.jsonl", b"\x00\x01\x02\x03" * 100, "binary"),
    ],
)
def test_bad_files_give_one_error(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    [doc] = read_one(write(tmp_path, name, data))
    assert doc.error is not None and doc.error.code == code and doc.text == ""
    assert doc.to_dict()["error"]["message"]


def test_legacy_encoding_detected_and_flagged(tmp_path: Path) -> None:
    text = "Le ministre a déclaré à Genève que l'accord était signé. " * 5
    [doc] = read_one(write(tmp_path, "fr.txt", text.encode("cp1252")))
    assert doc.error is None and "déclaré à Genève" in doc.text
    assert any(f.startswith("legacy_encoding:") for f in doc.flags)


def test_utf16_with_bom(tmp_path: Path) -> None:
    [doc] = read_one(write(tmp_path, "u16.txt", "Wang Yi met Lavrov.".encode("utf-16")))
    assert doc.text == "Wang Yi met Lavrov."


def test_controls_bidi_and_zero_width_removed_from_text_files(tmp_path: Path) -> None:
    raw = "Wang\u200b Yi met\x00 Lavrov \u202eevil\u202c in Moscow.\x07"
    [doc] = read_one(write(tmp_path, "c.txt", raw))
    assert doc.text == "Wang Yi met Lavrov evil in Moscow."
    assert {"control_characters_removed", "invisible_controls_removed"} <= set(doc.flags)


def test_too_large(tmp_path: Path) -> None:
    [doc] = read_one(write(tmp_path, "big.txt", "word " * 50), limit=100)
    assert doc.error.code == "too_large"
    [line] = read_one(
        write(tmp_path, "big.jsonl", json.dumps({"id": "x", "text": "w " * 100})), limit=100
    )
    assert line.error.code == "too_large"


def test_html_scripts_and_deep_nesting(tmp_path: Path) -> None:
    body = "<p>Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov in Moscow on Monday.</p>"
    html = (
        "<html><head><title>Talks</title><script>alert('x')</script></head><body>"
        + "<div>" * 3000
        + "<script>document.write('evil')</script>"
        + body * 3
        + "</div>" * 3000
        + "<img src=x onerror=alert(1)></body></html>"
    )
    [doc] = read_one(write(tmp_path, "a.html", html))
    assert doc.error is None
    assert "Wang Yi" in doc.text and "alert" not in doc.text and "evil" not in doc.text


def test_html_without_article_text(tmp_path: Path) -> None:
    [doc] = read_one(
        write(
            tmp_path,
            "nav.html",
            "<html><body><script>x()</script><style>p {}</style></body></html>",
        )
    )
    assert doc.error.code == "no_text"


def test_html_article(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Ministers meet</title></head><body><article><h1>Ministers meet</h1>"
        + "<p>MOSCOW, Sept. 18 (Xinhua) -- Chinese Foreign Minister Wang Yi met Russian Foreign "
        "Minister Sergei Lavrov on Monday, and the two discussed cooperation at length.</p>"
        * 3
        + "</article></body></html>"
    )
    [doc] = read_one(write(tmp_path, "b.html", html))
    assert doc.error is None and "Wang Yi" in doc.text


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.txt", "text")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    [doc] = read_one(path)
    assert doc.error.code == "unreadable" and "Permission denied" in doc.error.message


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    docs = list(read_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "empty")]))
    assert [d.error.code for d in docs] == ["not_found", "no_articles"]


def test_folder_with_thousands_of_files_in_sorted_order(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    (folder / "sub").mkdir(parents=True)
    for i in range(1500):
        (folder / f"{i:05d}.txt").write_text(f"Article {i}.", encoding="utf-8")
    (folder / "sub" / "z.jsonl").write_text(json.dumps({"id": "j", "text": "J."}), encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    docs = read_inputs([str(folder)])
    first = next(docs)
    assert first.id == "00000"
    rest = list(docs)
    assert len(rest) == 1500 and rest[-1].id == "j" and rest[-2].id == "01499"


def test_stdin_text_and_jsonl() -> None:
    [doc] = read_stream(io.BytesIO(b"\n date 2023-09-19 Title\nBody text."), name="<stdin>")
    assert doc.text.endswith("Body text.")
    docs = list(read_stream(io.BytesIO(b'\n{"id": "a", "text": "A."}\nbad\n'), name="<stdin>"))
    assert [d.error.code if d.error else d.id for d in docs] == ["a", "bad_json"]


def test_jsonl_line_in_legacy_encoding(tmp_path: Path) -> None:
    good = json.dumps({"id": "u", "text": "Fine."}).encode("utf-8")
    legacy = json.dumps(
        {"id": "l", "text": "Le ministre a déclaré à Genève que l'accord était signé."},
        ensure_ascii=False,
    ).encode("cp1252")
    docs = read_one(write(tmp_path, "mixed.jsonl", good + b"\n" + legacy + b"\n"))
    assert [d.error for d in docs] == [None, None]
    assert "déclaré à Genève" in docs[1].text
    assert any(f.startswith("legacy_encoding:") for f in docs[1].meta["encoding_flags"])
