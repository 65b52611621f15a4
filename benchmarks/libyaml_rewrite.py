"""The reference for a save: load a YAML file with libyaml, dump it, and write it safely.

``python libyaml_rewrite.py SOURCE TARGET``: CSafeLoader, CSafeDumper (literal blocks for
multi-line text, as spredning writes), a temp file in TARGET's folder, fsync, rename, fsync of the
folder. The least a program that keeps a YAML file safe on every save has to do.
"""

import os
import sys

import yaml


def literal(dumper, value):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


class Dumper(yaml.CSafeDumper):
    pass


Dumper.add_representer(str, literal)


def main(source: str, target: str) -> None:
    with open(source, "rb") as handle:
        data = yaml.load(handle.read().decode("utf-8"), Loader=yaml.CSafeLoader)
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)
    folder = os.path.dirname(os.path.abspath(target))
    temp = os.path.join(folder, f".{os.path.basename(target)}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, target)
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
