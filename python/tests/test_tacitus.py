"""Tests of the Python binding against the command line built from the same
tree. Run from the checkout: TACITUS_HOME=. python3 python/tests/run.py"""
import ctypes
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import unittest

import tacitus

HOME = os.environ.get("TACITUS_HOME") or os.path.normpath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("TACITUS_BUILD", os.path.join(HOME, "build"))
CLI = os.path.join(BUILD, "tacitus")
SEED = "examples/seed-article.txt"
NEWS = "data/news/wikinews"
DATE = "2024-01-11"

ENGINE = None


def engine():
    global ENGINE
    if ENGINE is None:
        ENGINE = tacitus.Engine()
    return ENGINE


def cli(*args):
    env = dict(os.environ)
    env.setdefault("TACITUS_MODELS", engine().models or "")
    out = subprocess.run([CLI, *args], cwd=HOME, env=env, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def read(path):
    with open(os.path.join(HOME, path), "rb") as f:
        return f.read()


def rss_kb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)


class SameAsCli(unittest.TestCase):
    def test_seed_article_byte_for_byte(self):
        want = cli("code", "--date", DATE, SEED)
        got = engine().code_json(read(SEED), date=DATE, id=SEED, origin=SEED)
        self.assertEqual(got, want)
        self.assertTrue(json.loads(got)["events"], "the seed article yields events")

    def test_seed_article_layers(self):
        want = cli("code", "--date", DATE, "--layers", "sentences,tokens,mentions", SEED)
        got = engine().code(read(SEED), date=DATE, id=SEED, layers="sentences,tokens,mentions")
        self.assertEqual(got, json.loads(want))
        self.assertIn("upos", got["tokens"][0])

    def test_news_folder_code_many(self):
        want = [json.loads(l) for l in cli("code", "--date", DATE, NEWS).splitlines()]
        names = sorted(os.listdir(os.path.join(HOME, NEWS)))
        items = [{"text": read(os.path.join(NEWS, n)), "id": os.path.join(NEWS, n)} for n in names]
        got = list(engine().code_many(items, jobs=2, date=DATE))
        self.assertEqual(len(got), len(want))
        self.assertEqual(got, want)


class Threads(unittest.TestCase):
    def test_concurrent_coding_equals_serial(self):
        eng = engine()
        names = sorted(os.listdir(os.path.join(HOME, NEWS)))[:8]
        texts = [read(os.path.join(NEWS, n)) for n in names]
        serial = [eng.code_json(t, date=DATE, id=str(i)) for i, t in enumerate(texts)]
        errors, results = [], {}

        def work(k):
            try:
                for rep in range(5):
                    for i in range(len(texts)):
                        j = (i + k) % len(texts)
                        results[(k, rep, j)] = eng.code_json(texts[j], date=DATE, id=str(j))
            except Exception as e:  # reported below, not swallowed
                errors.append(e)

        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(results), 4 * 5 * len(texts))
        for (k, rep, j), out in results.items():
            self.assertEqual(out, serial[j])

    def test_code_many_keeps_input_order(self):
        texts = ["Iraq warned the United States.", "Israel attacked Gaza.", "",
                 "Russia met China."] * 10
        got = list(engine().code_many(texts, jobs=3, date=DATE))
        want = [engine().code(t, date=DATE) for t in texts]
        self.assertEqual(got, want)


class BadInput(unittest.TestCase):
    def test_bad_date_raises_with_message_and_record(self):
        with self.assertRaises(tacitus.TacitusError) as cm:
            engine().code("Iraq warned the US.", date="2024-13-45", origin="feed.jsonl", record=7)
        e = cm.exception
        self.assertIn("not a valid YYYY-MM-DD date", e.message)
        self.assertEqual((e.file, e.record), ("feed.jsonl", 7))
        self.assertEqual(e.status, -3)

    def test_wrong_types(self):
        with self.assertRaises(TypeError):
            engine().code(42)
        with self.assertRaises(TypeError):
            engine().code(None)
        with self.assertRaises(ValueError):
            engine().code("x", layers="tokens,bogus")

    def test_invalid_utf8_is_a_warning_not_an_error(self):
        r = engine().code(b"Iraq \xff\xfe warned the US.", date=DATE)
        self.assertTrue(any("invalid UTF-8" in w for w in r["warnings"]))

    def test_explain_sentence_out_of_range(self):
        with self.assertRaises(tacitus.TacitusError) as cm:
            engine().explain("One sentence.", sentence=5)
        self.assertIn("out of range", str(cm.exception))

    def test_corrupt_model_names_the_file(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "tagger.tacm"), "wb") as f:
                f.write(b"TACM\x00garbage that is not a model")
            with self.assertRaises(tacitus.TacitusError) as cm:
                tacitus.Engine(models=d)
            self.assertIn("tagger.tacm", str(cm.exception))

    def test_closed_engine(self):
        eng = tacitus.Engine()
        eng.close()
        eng.close()
        with self.assertRaises(ValueError):
            eng.code("Iraq warned the US.")


class Abi(unittest.TestCase):
    def test_structs_match_the_library(self):
        L = tacitus._native.load(engine().library)
        self.assertEqual(L.tac_options_size(), ctypes.sizeof(tacitus._native.Options))
        self.assertEqual(L.tac_article_size(), ctypes.sizeof(tacitus._native.Article))

    def test_parse_candidates_gives_the_same_events(self):
        fast = tacitus.Engine(parse_candidates=True)
        text = read(SEED)
        self.assertEqual(fast.code(text, date=DATE)["events"], engine().code(text, date=DATE)["events"])
        fast.close()


class Explain(unittest.TestCase):
    def test_explain_matches_cli(self):
        s = "US forces struck militia bases in Baghdad on Tuesday."
        want = cli("explain", s, "--date", DATE)
        self.assertEqual(engine().explain(s, date=DATE), want)
        self.assertIn("events:", want)


class Memory(unittest.TestCase):
    @unittest.skipIf(os.environ.get("TACITUS_SANITIZED"), "ASan's quarantine holds freed memory")
    def test_no_growth_over_10000_calls(self):
        eng = engine()
        text = read(SEED).split(b"\n\n")[0]
        for _ in range(1000):
            eng.code_json(text, date=DATE)
        before = rss_kb()
        for _ in range(9000):
            eng.code_json(text, date=DATE)
        grown = rss_kb() - before
        self.assertLess(grown, 4096, f"RSS grew by {grown} kB over 9,000 calls")


class Frame(unittest.TestCase):
    def results(self):
        return [engine().code(read(SEED), date=DATE, id=SEED)]

    def test_rows(self):
        rows = tacitus.frame.event_rows(self.results())
        n = len(self.results()[0]["events"])
        self.assertEqual(len(rows), n)
        self.assertEqual(set(rows[0]), set(tacitus.frame.COLUMNS))
        self.assertTrue(all(r["quad_class"] in (1, 2, 3, 4) for r in rows))

    def test_frame_with_pandas(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            self.skipTest("pandas not installed")
        df = tacitus.events_frame(self.results())
        self.assertEqual(list(df.columns), tacitus.frame.COLUMNS)
        self.assertEqual(len(df), len(self.results()[0]["events"]))
        self.assertEqual(str(df["date"].dtype), "datetime64[ns]")
        monthly = df.groupby([df["date"].dt.to_period("M"), "quad_class"]).size()
        self.assertEqual(int(monthly.sum()), len(df))

    def test_frame_without_pandas_says_so(self):
        saved = sys.modules.get("pandas")
        sys.modules["pandas"] = None  # makes `import pandas` fail
        try:
            with self.assertRaises(ImportError) as cm:
                tacitus.events_frame(self.results())
            self.assertIn("needs pandas", str(cm.exception))
        finally:
            if saved is None:
                del sys.modules["pandas"]
            else:
                sys.modules["pandas"] = saved


if __name__ == "__main__":
    unittest.main()
