"""Writes parse/glued-distinct-{2019,2021}: table 三 and table 四 with every separator lost and
every cell a distinct non-zero value, chosen so that each row's total decides its split (the
check below uses the parser's rules: at most 6 digits a cell, totals equal to the sum)."""
import itertools, os, random, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labels import REQ_2019, REQ_2021

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'parse')

def splits(d, n, size):
    res = set()
    for cuts in itertools.combinations(range(1, len(d)), n - 1):
        parts = [d[a:b] for a, b in zip((0,) + cuts, cuts + (len(d),))]
        if any(len(p) > 6 for p in parts):
            continue
        v = [int(p) for p in parts]
        if all(sum(v[k:k + size - 1]) == v[k + size - 1] for k in range(0, n, size)):
            res.add(tuple(v))
    return res

def block(rng, used, size):
    while True:
        vals = [rng.randint(1, 400) for _ in range(size - 1)]
        vals.append(sum(vals))
        if len(set(vals)) < size or used & set(vals):
            continue
        run = "".join(map(str, vals))
        if splits(run, size, size) == {tuple(vals)}:
            used.update(vals)
            return vals, run

def make(v):
    rng = random.Random(v)
    used = set()
    req = REQ_2021 if v == 2021 else REQ_2019
    parts = []
    for grp, lab in req:
        _, run = block(rng, used, 7)
        parts.append((grp or "") + lab + run)
    appeals = "".join(block(rng, used, 5)[1] for _ in range(3))
    year = 2023 if v == 2021 else 2020
    text = (f"{year}年某某县某某局政府信息公开工作年度报告\n一、总体情况\n{year}年，本局依法做好政府信息公开工作。\n"
            "三、收到和处理政府信息公开申请情况\n"
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
            + "".join(parts) + "\n四、政府信息公开行政复议、行政诉讼情况\n"
            "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
            + appeals + "\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n")
    os.makedirs(f"{OUT}/glued-distinct-{v}", exist_ok=True)
    open(f"{OUT}/glued-distinct-{v}/input.txt", "w").write(text)

if __name__ == "__main__":
    for v in (2019, 2021):
        make(v)
