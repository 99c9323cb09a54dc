#!/usr/bin/python3
"""Naive baseline for `chokepoint classify` throughput: the same rules run the obvious
way with Debian's python3-rdkit, one molecule after another, on one core.

Per molecule: parse, largest fragment (rdMolStandardize.LargestFragmentChooser), neutralize
(rdMolStandardize.Uncharger), canonical-SMILES lookup in a dict of the rulebook entries'
canonical SMILES, HasSubstructMatch over every class core SMARTS, Morgan fingerprint (r=2,
2048 bits) Tanimoto against every entry's fingerprint.

The rulebooks are read with a tiny regex reader (`smiles:` and `core:` fields) so PyYAML is
not needed. Prints `molecules_per_s=<rate>` (the figure bench_classify_throughput reads) and a
per-step cost breakdown on a smaller sample.

    /usr/bin/python3 bench/classify/naive_baseline.py [--n 20000] [--nci FILE] [--rulebooks DIR]
"""
import argparse
import glob
import os
import re
import sys
import time

from rdkit import Chem, DataStructs, RDLogger
from rdkit.Chem import AllChem
from rdkit.Chem.MolStandardize import rdMolStandardize

RDLogger.DisableLog("rdApp.*")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

FIELD = re.compile(r"^\s*-?\s*(smiles|core):\s*(.+?)\s*$")


def unquote(v):
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        return v[1:-1]
    return v


def read_rulebooks(directory):
    """Returns (entry SMILES, class core SMARTS) from every *.yaml under `directory`."""
    smiles, cores = [], []
    for path in sorted(glob.glob(os.path.join(directory, "**", "*.yaml"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = FIELD.match(line)
                if not m:
                    continue
                value = unquote(m.group(2).split(" #")[0].strip())
                (smiles if m.group(1) == "smiles" else cores).append(value)
    return smiles, cores


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--nci", default="/usr/share/RDKit/Data/NCI/first_5K.smi")
    ap.add_argument("--rulebooks", default=os.path.join(ROOT, "data", "rulebooks"))
    ap.add_argument("--stage-sample", type=int, default=2000)
    # The fixed reference workload (20 SMARTS, 71 references: the screener the throughput target
    # is stated against), whatever the size of the rulebooks; without these the script uses every entry and core of the rulebooks.
    ap.add_argument("--max-references", type=int, default=0)
    ap.add_argument("--max-cores", type=int, default=0)
    args = ap.parse_args()

    with open(args.nci) as f:
        nci = [line.split()[0] for line in f if line.strip()]
    inputs = [nci[i % len(nci)] for i in range(args.n)]

    chooser = rdMolStandardize.LargestFragmentChooser()
    uncharger = rdMolStandardize.Uncharger()

    def parent(mol):
        return uncharger.uncharge(chooser.choose(mol))

    entry_smiles, core_smarts = read_rulebooks(args.rulebooks)
    if args.max_references:
        entry_smiles = list(dict.fromkeys(entry_smiles))[: args.max_references]
    if args.max_cores:
        core_smarts = core_smarts[: args.max_cores]
    entries = {}
    entry_fps = []
    for s in entry_smiles:
        m = Chem.MolFromSmiles(s)
        if m is None:
            continue
        m = parent(m)
        entries[Chem.MolToSmiles(m)] = s
        entry_fps.append(AllChem.GetMorganFingerprintAsBitVect(m, 2, 2048))
    cores = [Chem.MolFromSmarts(s) for s in core_smarts]
    cores = [c for c in cores if c is not None]

    def classify(smi):
        mol = Chem.MolFromSmiles(smi)
        if mol is None:
            return "error"
        mol = parent(mol)
        can = Chem.MolToSmiles(mol)
        hit = entries.get(can)
        classes = [i for i, c in enumerate(cores) if mol.HasSubstructMatch(c)]
        fp = AllChem.GetMorganFingerprintAsBitVect(mol, 2, 2048)
        best = max(DataStructs.BulkTanimotoSimilarity(fp, entry_fps)) if entry_fps else 0.0
        if hit or classes:
            return "controlled"
        return "flagged" if best >= 0.7 else "clear"

    counts = {}
    t0 = time.perf_counter()
    for smi in inputs:
        v = classify(smi)
        counts[v] = counts.get(v, 0) + 1
    secs = time.perf_counter() - t0
    rate = len(inputs) / secs
    print(f"naive python3-rdkit baseline: {len(entries)} entry structures, {len(cores)} class cores, "
          f"{len(inputs)} molecules in {secs:.2f} s")
    print("verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))

    # Per-step costs on a sample (timed separately so the rate above carries no timer overhead).
    steps = ["parse", "largest fragment", "uncharge", "canonical SMILES + dict", "class cores",
             "Morgan FP + Tanimoto"]
    cost = dict.fromkeys(steps, 0.0)
    n = 0
    for smi in inputs[: args.stage_sample]:
        t = time.perf_counter()
        mol = Chem.MolFromSmiles(smi)
        t1 = time.perf_counter(); cost["parse"] += t1 - t
        if mol is None:
            continue
        n += 1
        mol = chooser.choose(mol)
        t2 = time.perf_counter(); cost["largest fragment"] += t2 - t1
        mol = uncharger.uncharge(mol)
        t3 = time.perf_counter(); cost["uncharge"] += t3 - t2
        entries.get(Chem.MolToSmiles(mol))
        t4 = time.perf_counter(); cost["canonical SMILES + dict"] += t4 - t3
        [mol.HasSubstructMatch(c) for c in cores]
        t5 = time.perf_counter(); cost["class cores"] += t5 - t4
        fp = AllChem.GetMorganFingerprintAsBitVect(mol, 2, 2048)
        DataStructs.BulkTanimotoSimilarity(fp, entry_fps)
        t6 = time.perf_counter(); cost["Morgan FP + Tanimoto"] += t6 - t5
    if n:
        parse_us = cost["parse"] * 1e6 / n
        print(f"per-step cost (us/mol, x parse) on {n} molecules:")
        for s in steps:
            us = cost[s] * 1e6 / n
            print(f"  {s:<26} {us:9.1f} {us / parse_us:7.2f}")
    print(f"molecules_per_s={rate:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
