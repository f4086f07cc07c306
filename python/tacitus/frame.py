"""Events as a pandas DataFrame: one row per event, nested fields flattened
(source.code -> source_code), so monthly counts by QuadClass are a groupby."""

# Column order of the frame; fields a record lacks become None.
COLUMNS = [
    "article_id", "article_date", "event_id", "sentence", "date",
    "source_text", "source_code", "source_start", "source_end",
    "target_text", "target_code", "target_start", "target_end",
    "cameo", "base", "root", "quad_class", "goldstein",
    "plover_type", "plover_mode", "plover_context", "modality",
    "trigger_text", "trigger_start", "trigger_end",
    "attribution", "place_name", "place_country", "place_lat", "place_lon", "pattern",
]


def _span(x, i):
    span = (x or {}).get("span") if isinstance(x, dict) else None
    return span[i] if span else None


def event_rows(results):
    """Flattens coded articles (dicts from Engine.code/code_many) into a list
    of dicts, one per event, with the keys of COLUMNS."""
    rows = []
    for r in results:
        for e in r.get("events") or []:
            src, tgt = e.get("source") or {}, e.get("target") or {}
            pl, trig = e.get("plover") or {}, e.get("trigger") or {}
            place = e.get("place") if isinstance(e.get("place"), dict) else {}
            att = e.get("attribution")
            if isinstance(att, dict):
                att = att.get("text")
            rows.append({
                "article_id": r.get("id"), "article_date": r.get("date"),
                "event_id": e.get("id"), "sentence": e.get("sentence"), "date": e.get("date"),
                "source_text": src.get("text"), "source_code": src.get("code"),
                "source_start": _span(src, 0), "source_end": _span(src, 1),
                "target_text": tgt.get("text"), "target_code": tgt.get("code"),
                "target_start": _span(tgt, 0), "target_end": _span(tgt, 1),
                "cameo": e.get("cameo"), "base": e.get("base"), "root": e.get("root"),
                "quad_class": e.get("quad_class"), "goldstein": e.get("goldstein"),
                "plover_type": pl.get("type"), "plover_mode": pl.get("mode"),
                "plover_context": pl.get("context"), "modality": e.get("modality"),
                "trigger_text": trig.get("text"), "trigger_start": _span(trig, 0),
                "trigger_end": _span(trig, 1), "attribution": att,
                "place_name": place.get("name"), "place_country": place.get("country"),
                "place_lat": place.get("lat"), "place_lon": place.get("lon"),
                "pattern": e.get("pattern"),
            })
    return rows


def events_frame(results):
    """A pandas DataFrame of the events in results (an iterable of coded
    articles), with COLUMNS as columns and `date` as datetime64."""
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            "tacitus.events_frame needs pandas (apt install python3-pandas, or pip install "
            "pandas); tacitus.frame.event_rows gives the same rows as plain dicts") from e
    df = pd.DataFrame(event_rows(results), columns=COLUMNS)
    for c in ("date", "article_date"):
        df[c] = pd.to_datetime(df[c], errors="coerce")
    return df
