"""Writes a Parquet customer table of N synthetic customers for the Spark example and its
benchmark: common given names and surnames combined with dates of birth and countries, and
one customer in 500 named as a designated person or group of the UN sample list, so that some
rows are hits. With FILES, the table is a folder of that many files (Spark reads a small file
as one partition, so a table that is to keep several executors busy has several).

    python make_customers.py customers.parquet 1000000 [FILES]
"""

import os
import random
import sys

import pyarrow as pa
import pyarrow.parquet as pq

GIVEN = """Muhammad Ahmed Ali Hassan Hussain Abdul Fatima Ayesha Zainab Omar Usman Bilal Imran
Kamran Farhan Sana Hina Nadia Tariq Khalid Javed Asif Salman Yasir Rashid Noor Amina Maryam
John Mary James Linda Robert Patricia Michael Barbara David Susan Maria Jose Carlos Ana Wei
Li Chen Yuki Hiroshi Olga Ivan Sergei Anna Peter Hans Fatma Mehmet Ayse Emre""".split()
SURNAMES = """Khan Ahmed Ali Hussain Malik Sheikh Qureshi Chaudhry Butt Raza Siddiqui Iqbal
Akhtar Rana Mirza Baig Javed Shah Awan Abbasi Smith Johnson Williams Brown Jones Garcia
Miller Davis Rodriguez Martinez Wang Zhang Liu Sato Suzuki Ivanov Petrov Mueller Schmidt
Yilmaz Kaya Demir Olsen Hansen""".split()
COUNTRIES = ["pk", "pk", "pk", "in", "gb", "us", "de", "tr", "cn", "ru", "ae", ""]
LISTED = ["Hafiz Muhammad Saeed", "Zaki ur Rehman Lakhvi", "Jamaat ud Dawa", "Lashkar e Taiba"]


def rows(n, seed=7):
    rnd = random.Random(seed)
    ids, names, dobs, countries = [], [], [], []
    for i in range(n):
        ids.append(f"c{i:07d}")
        if i % 500 == 250:
            # Named as listed, with nothing else known.
            names.append(LISTED[(i // 500) % len(LISTED)])
            dobs.append(None)
            countries.append(None)
            continue
        names.append(f"{rnd.choice(GIVEN)} {rnd.choice(SURNAMES)}")
        dobs.append(f"{rnd.randint(1940, 2005)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}")
        countries.append(rnd.choice(COUNTRIES) or None)
    return pa.table({"customer_id": ids, "name": names, "dob": dobs, "country": countries})


def write(path, n, files=1):
    """Writes n customers to `path`: one file, or a folder of `files` files."""
    table = rows(n)
    if files <= 1:
        pq.write_table(table, path, row_group_size=100_000)
        return
    os.makedirs(path, exist_ok=True)
    per = -(-n // files)
    for f in range(files):
        part = table.slice(f * per, per)
        pq.write_table(part, os.path.join(path, f"part-{f:03d}.parquet"), row_group_size=100_000)


def main():
    path, n = sys.argv[1], int(sys.argv[2])
    files = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    write(path, n, files)
    print(f"{path}: {n} customers in {files} file(s)")


if __name__ == "__main__":
    main()
