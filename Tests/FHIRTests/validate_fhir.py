#!/usr/bin/env python3
"""Validates FHIR JSON and XML files with the `fhir.resources` package (its R4B models, the
closest it ships to R4 4.0.1 for the resources PhotoGate writes; XML is read through lxml).

Usage: validate_fhir.py FILE.json|FILE.xml...

Prints one line per file, `ok <file>` or `FAIL <file>: <error>`, and exits 0 when every
file is valid, 1 when one is not, 2 when fhir.resources is not installed.
"""
import importlib
import json
import sys

try:
    import fhir.resources
except ImportError:
    print("fhir.resources is not installed: pip install 'fhir.resources==8.3.0'", file=sys.stderr)
    sys.exit(2)


def model_class(resource_type):
    module = importlib.import_module("fhir.resources.R4B." + resource_type.lower())
    return getattr(module, resource_type)


def validate(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".xml"):
        from lxml import etree  # fhir.resources reads XML through lxml

        root = etree.fromstring(text.encode("utf-8"))
        namespace, _, resource_type = root.tag.rpartition("}")
        if namespace != "{http://hl7.org/fhir":
            raise ValueError("the root element is not in the FHIR namespace: %s" % root.tag)
        model_class(resource_type).model_validate_xml(text.encode("utf-8"))
        return
    resource_type = json.loads(text)["resourceType"]
    cls = model_class(resource_type)
    if hasattr(cls, "model_validate_json"):  # pydantic 2 (fhir.resources >= 7)
        cls.model_validate_json(text)
    else:  # pydantic 1
        cls.parse_raw(text)


def main(paths):
    failed = 0
    for path in paths:
        try:
            validate(path)
            print("ok " + path)
        except Exception as error:  # report every file, not just the first failure
            failed += 1
            print("FAIL %s: %s" % (path, " ".join(str(error).split())))
    print("fhir.resources %s: %d valid, %d invalid" % (fhir.resources.__version__, len(paths) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
