"""Build the demo's school list (src/trellis/orgs/data/ca_schools_2018.csv.gz) from the shared data.

Run once when the source data changes:
    python tools/make_school_list.py ../shared/data/ca_dashboard_2018
The output is the union of the real 2018 Dashboard ELA and mathematics school rows (all students),
with the CDE directory fields joined where the directory sample has the school.
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

FIELDS = [
    "cds",
    "schoolname",
    "districtname",
    "countyname",
    "charter_flag",
    "ela_status",
    "ela_level",
    "math_status",
    "math_level",
    "status_type",
    "soc",
    "eil_code",
    "latitude",
    "longitude",
]


def main(source: Path, target: Path) -> None:
    schools: dict[str, dict[str, str]] = {}
    for subject in ("ela", "math"):
        with open(source / f"{subject}_2018_schools_all_students.csv", newline="") as f:
            for row in csv.DictReader(f):
                entry = schools.setdefault(
                    row["cds"],
                    {k: "" for k in FIELDS}
                    | {
                        "cds": row["cds"],
                        "schoolname": row["schoolname"],
                        "districtname": row["districtname"],
                        "countyname": row["countyname"],
                        "charter_flag": row["charter_flag"],
                    },
                )
                entry[f"{subject}_status"] = row["currstatus"]
                entry[f"{subject}_level"] = row["statuslevel"]
    with open(source / "school_directory_sample_2018.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["cds"] in schools:
                schools[row["cds"]].update(
                    {
                        "status_type": row["status_type"],
                        "soc": row["soc"],
                        "eil_code": row["eil_code"],
                        "latitude": row["latitude"],
                        "longitude": row["longitude"],
                    }
                )
    with gzip.open(target, "wt", newline="", compresslevel=9) as out:
        writer = csv.DictWriter(out, FIELDS)
        writer.writeheader()
        for cds in sorted(schools):
            writer.writerow(schools[cds])
    print(f"{len(schools)} schools → {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parents[1] / "src/trellis/orgs/data/ca_schools_2018.csv.gz")
