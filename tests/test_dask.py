"""credscore.dask on a local distributed cluster with several worker processes."""

from __future__ import annotations

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from credscore.batch import score_frame  # noqa: E402
from credscore.dask import score_dask  # noqa: E402

TEXTS = [
    "Officials said the plan failed. The plan was announced in 2019.",
    "The minister reportedly resigned, according to the newspaper, which cited unnamed sources.",
    None,
    "",
    '"We will win," Sen. Ann Roe said. The crowd cheered.',
    "Critics say the law is too broad.",
]


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.mark.slow
@pytest.mark.parametrize("level", ["document", "sentence"])
def test_cluster_result_equals_single_machine(client, level: str) -> None:
    df = pd.DataFrame({"id": range(60), "text": TEXTS * 10})
    ddf = dd.from_pandas(df, npartitions=5)
    lazy = score_dask(ddf, "text", id_cols=["id"], level=level)
    expected = score_frame(df, "text", id_cols=["id"], level=level)
    assert list(lazy.columns) == list(expected.columns)
    assert (lazy.dtypes == expected.dtypes).all()  # the meta is right
    got = client.compute(lazy).result()
    assert len(client.scheduler_info()["workers"]) == 2
    if level == "sentence":
        got = got.reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)


def test_missing_column_is_named() -> None:
    ddf = dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1)
    with pytest.raises(KeyError, match="columns are: body"):
        score_dask(ddf, "text")
