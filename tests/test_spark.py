"""The Spark recipe in docs/batch.md, run when pyspark (and Java) are installed; skipped otherwise."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:  # pragma: no cover - depends on the machine
    pytest.skip("pyspark needs a Java runtime", allow_module_level=True)

from credscore.batch import score_frame, spark_ddl  # noqa: E402


@pytest.mark.slow
# PySpark 4.3 warns that it does not fully support pandas 3; the recipe works regardless.
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
@pytest.mark.filterwarnings("ignore:The copy keyword is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")
def test_map_in_pandas_recipe_matches_single_machine(monkeypatch) -> None:
    import sys

    from pyspark.sql import SparkSession

    # Spark's Python workers must run the interpreter that has credscore installed.
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)

    spark = SparkSession.builder.master("local[2]").appName("credscore-test").getOrCreate()
    try:
        pdf = pd.DataFrame({
            "id": [str(i) for i in range(12)],
            "body": ["Officials said it failed. It rained.", "The minister reportedly resigned.", "", None] * 3,
        })  # fmt: skip
        sdf = spark.createDataFrame(pdf, schema="id string, body string").repartition(3)

        # --- the recipe (docs/batch.md) ---
        ids = ["id"]
        schema = ", ".join(f"`{f.name}` {f.dataType.simpleString()}" for f in sdf.schema if f.name in ids)
        schema += ", " + spark_ddl("document")

        def score_batches(batches):
            for batch in batches:
                yield score_frame(batch, "body", id_cols=ids, level="document")

        result = sdf.mapInPandas(score_batches, schema=schema).toPandas()
        # --- end of recipe ---

        expected = score_frame(pdf, "body", id_cols=["id"], level="document")
        got = result.sort_values("id", key=lambda s: s.astype(int)).reset_index(drop=True)
        assert got["status"].tolist() == expected["status"].tolist()
        assert got["n_claims"].astype(int).tolist() == expected["n_claims"].tolist()
        want = expected["mean_reliability"].reset_index(drop=True)
        pd.testing.assert_series_equal(got["mean_reliability"].astype(float), want, check_names=False)
    finally:
        spark.stop()
