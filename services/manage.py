"""Heard's set-up command: ``python -m services.manage setup``.

Creates development keys, migrates all three databases and loads the demo data where it is
missing, then prints where each service will listen. Safe to run again: it reuses what exists.
"""

from __future__ import annotations

import sys

from sqlmodel import Session

from services.actions_api.plans import demo as actions_demo
from services.actions_api.settings import ActionsSettings
from services.common.clock import Clock
from services.common.db import make_engine
from services.common.keys import generate
from services.common.migrate import upgrade
from services.feedback_api import demo as feedback_demo
from services.feedback_api.cases import demo as cases_demo
from services.feedback_api.labels import service as labels
from services.feedback_api.settings import FeedbackSettings
from services.portal import demo as portal_demo
from services.portal.settings import PortalSettings

PORTS = {"portal": 8000, "feedback": 8001, "actions": 8002}


def setup(load_demo: bool = True) -> None:
    portal, feedback, actions = PortalSettings(), FeedbackSettings(), ActionsSettings()
    for path in generate(portal.keys_dir):
        print(f"Created a development key: {path}")
    for settings in (portal, feedback, actions):
        upgrade(settings.service_name, settings.database_url)
    print("Databases migrated.")
    if not load_demo:
        return
    engine = make_engine(feedback.database_url, "feedback")
    with Session(engine) as session:
        if feedback_demo.load_organisation(session):
            print("Loaded the demo organisation.")
        loaded = feedback_demo.load_feedback(session, Clock(feedback.today))
        if loaded:
            print(f"Loaded {loaded} pieces of invented demo feedback.")
        if cases := cases_demo.load_demo_cases(session, Clock(feedback.today)):
            print(f"Loaded {cases} invented demo complaints and PALS cases.")
        # Themes, sentiment and criticality for every record without them (idempotent).
        if labelled := labels.reanalyse(session):
            print(f"Analysed {labelled} comments.")
    engine.dispose()
    engine = make_engine(actions.database_url, "actions")
    with Session(engine) as session:
        for title in actions_demo.load(session, Clock(actions.today)):
            print(f"Loaded {title}.")
    engine.dispose()
    engine = make_engine(portal.database_url, "portal")
    with Session(engine) as session:
        accounts = portal_demo.load_users(session)
    engine.dispose()
    print()
    print(f"Demo accounts (password: {portal_demo.DEMO_PASSWORD}):")
    for email, roles in accounts:
        print(f"  {email:32} {roles}")


def print_addresses() -> None:
    print()
    print(f"Heard portal:    http://127.0.0.1:{PORTS['portal']}")
    print(f"feedback_api:    http://127.0.0.1:{PORTS['feedback']}  (docs at /docs)")
    print(f"actions_api:     http://127.0.0.1:{PORTS['actions']}  (docs at /docs)")
    print()


def main(argv: list[str]) -> int:
    if argv[:1] == ["setup"]:
        setup(load_demo="--no-demo" not in argv)
        print_addresses()
        return 0
    if argv[:1] == ["addresses"]:
        print_addresses()
        return 0
    print("usage: python -m services.manage setup [--no-demo] | addresses", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
