#!/usr/bin/python3
"""Code-size figures for reviews: lines of code per module under src/ and the longest functions.

    scripts/code-figures.py [--top N] [ROOT]

Lines of code: non-blank lines that are not only a comment, tests (*_test.cc) counted apart.
Functions: definitions found by their opening line (a signature ending in '{') and matched
braces; lambdas and class bodies are not counted as functions. Good enough for figures, not a
C++ parser.
"""
import argparse
import os
import re

KEYWORDS = re.compile(r'^(if|for|while|switch|return|else|do|namespace|class|struct|enum|union|catch|try|extern)\b')
NAME = re.compile(r'((?:[\w~]+::)*(?:operator\S+?|~?\w+))\s*\($')


def signature_name(lines, i):
    """The name of the function whose definition opens on line i, or None."""
    line = lines[i].split('//')[0].rstrip()
    if not line.endswith('{') or line.endswith('{}'):
        return None
    # Gather the signature: this line and the continuation lines above it.
    start = i
    while start > 0:
        prev = lines[start - 1].split('//')[0].rstrip()
        if not prev or prev.endswith((';', '{', '}')) or prev.lstrip().startswith('#'):
            break
        start -= 1
    first = lines[start]
    first_indent = len(first) - len(first.lstrip())
    if first_indent > 2 or KEYWORDS.match(first.lstrip()) or '=' in first.split('(')[0]:
        return None
    text = ' '.join(l.strip() for l in lines[start:i + 1])
    paren = text.find('(')
    if paren < 0:
        return None
    m = NAME.search(text[:paren + 1])
    return m.group(1) if m else None


def code_lines(text):
    n = 0
    in_block = False
    for line in text.splitlines():
        s = line.strip()
        if in_block:
            if '*/' in s:
                in_block = False
            continue
        if not s or s.startswith('//'):
            continue
        if s.startswith('/*'):
            in_block = '*/' not in s
            continue
        n += 1
    return n


LITERAL = re.compile(r"'(?:\\.|[^'\\])'|\"(?:\\.|[^\"\\])*\"")


def braces(line):
    """Net '{' minus '}' of a line, outside character and string literals and // comments."""
    code = LITERAL.sub('""', line).split('//')[0]
    return code.count('{') - code.count('}')


def functions(path, text):
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        name = signature_name(lines, i)
        if name:
            depth = 0
            for j in range(i, len(lines)):
                depth += braces(lines[j])
                if depth <= 0:
                    yield (j - i + 1, name, path, i + 1)
                    i = j
                    break
        i += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('root', nargs='?', default='.')
    ap.add_argument('--top', type=int, default=20)
    args = ap.parse_args()
    src = os.path.join(args.root, 'src')
    per_module = {}
    funcs = []
    for d, _, files in os.walk(src):
        module = os.path.relpath(d, src).split(os.sep)[0]
        for f in files:
            if not f.endswith(('.cc', '.h', '.cpp')):
                continue
            p = os.path.join(d, f)
            text = open(p, encoding='utf-8', errors='replace').read()
            key = 'test' if f.endswith('_test.cc') or f.startswith('test_') else 'code'
            per_module.setdefault(module, {'code': 0, 'test': 0})[key] += code_lines(text)
            if key == 'code':
                funcs.extend(functions(os.path.relpath(p, args.root), text))
    print('module          code  tests')
    for m in sorted(per_module):
        print(f"{m:<14} {per_module[m]['code']:>5} {per_module[m]['test']:>6}")
    total = sum(v['code'] for v in per_module.values())
    print(f"{'total':<14} {total:>5} {sum(v['test'] for v in per_module.values()):>6}")
    funcs.sort(reverse=True)
    print(f'\nfunctions over 80 lines: {sum(1 for f in funcs if f[0] > 80)}; longest {args.top}:')
    for n, name, path, line in funcs[:args.top]:
        print(f'{n:>5}  {name}  {path}:{line}')


if __name__ == '__main__':
    main()
