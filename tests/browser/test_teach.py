"""The midwife's visit in a real browser at 360x800: a quiz before and after teaching, the skills
checklist, a demonstration that leaves no trace in the diary, and the visit summary saved as a PDF and
a CSV (downloads). One app server and few page loads for the whole module."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.browser.test_diary_flow import rows, start, tap


def test_the_visit_summary_downloads_as_pdf_and_csv(open_app, server, tmp_path):
    app = start(open_app, "en")
    tap(app, "open-visit")
    tap(app, "open-summary")
    app.wait_for("summary-days")
    app.shot("33-summary")
    with app.page.expect_download(timeout=20_000) as pdf_download:
        app.tap("summary-pdf")
    pdf = pdf_download.value
    assert pdf.suggested_filename.startswith("pijat-oksitosin-summary-") and pdf.suggested_filename.endswith(".pdf")
    path = tmp_path / "s.pdf"
    pdf.save_as(path)
    text = " ".join(PdfReader(io.BytesIO(path.read_bytes())).pages[0].extract_text().split())
    assert "Visit summary" in text and "Education, not a diagnosis" in text
    with app.page.expect_download(timeout=20_000) as csv_download:
        app.tap("summary-csv")
    data = csv_download.value
    csv_path = tmp_path / "s.csv"
    data.save_as(csv_path)
    assert csv_path.read_bytes().decode("utf-8-sig").startswith("section,date,time,item,value,text")
    assert rows(server, "SELECT count(*) FROM sessions") == [(0,)]
