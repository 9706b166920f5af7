#!/usr/bin/env python3
"""Generates a Terraform plan JSON (`terraform show -json` layout) with N resource instances,
for benchmarking the plan front-end: the resources of the real fixture plan
(parser/tests/fixtures/plan/single/plan.json, made by terraform) repeated under module
instances, with their resource_changes (unknown and sensitive marks) and configuration.

Usage: scripts/gen_tf_plan.py OUT.json [RESOURCES]   (default 5000)
"""
import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "parser", "tests", "fixtures", "plan", "single", "plan.json")


def main():
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    with open(FIXTURE) as f:
        base = json.load(f)
    planned = base["planned_values"]["root_module"]["resources"]
    changes = {c["address"]: c for c in base["resource_changes"]}
    per_module = len(planned)
    modules = (total + per_module - 1) // per_module
    child_modules, resource_changes = [], []
    made = 0
    for m in range(modules):
        prefix = f'module.app["m{m}"]'
        resources = []
        for r in planned:
            if made == total:
                break
            made += 1
            r = copy.deepcopy(r)
            address = f"{prefix}.{r['address']}"
            c = copy.deepcopy(changes[r["address"]])
            r["address"] = c["address"] = address
            c["module_address"] = prefix
            for values in (r["values"], c["change"]["after"]):
                if "bucket" in values and isinstance(values["bucket"], str):
                    values["bucket"] = f"{values['bucket']}-m{m}"
            resources.append(r)
            resource_changes.append(c)
        child_modules.append({"address": prefix, "resources": resources})
    plan = copy.deepcopy(base)
    plan["planned_values"]["root_module"] = {"child_modules": child_modules}
    plan["resource_changes"] = resource_changes
    root_config = base["configuration"]["root_module"]
    plan["configuration"]["root_module"] = {
        "module_calls": {
            "app": {
                "source": "./modules/app",
                "for_each_expression": {"constant_value": [f"m{m}" for m in range(modules)]},
                "module": {"resources": root_config["resources"], "variables": root_config.get("variables", {})},
            }
        }
    }
    with open(out, "w") as f:
        json.dump(plan, f, separators=(",", ":"))
    print(f"{out}: {made} resources, {os.path.getsize(out) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
