"""complaints and PALS cases, their timeline, and the KO41a code lists (seeded, version 1)

Revision ID: 3ccddbb1713a
Revises: 142b98ab1d26
Create Date: 2026-11-22 00:10:52.597896
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import services.common.db

revision: str = "3ccddbb1713a"
down_revision: str | None = "142b98ab1d26"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Version 1 of the KO41a lists, as NHS-STANDARDS.md 2.2 lists them (a snapshot: later changes
# are made through the API as new versions, never by editing this file).
SEED = {
    "subject": [
        ("access_to_treatment", "Access to treatment or drugs"),
        (
            "admissions_discharges",
            "Admissions and discharges (excluding delayed discharge due to absence of care "
            "package)",
        ),
        ("appointments", "Appointments including delays and cancellations"),
        ("clinical_treatment", "Clinical treatment"),
        ("commissioning", "Commissioning"),
        ("communications", "Communications"),
        ("consent", "Consent"),
        ("end_of_life_care", "End of life care"),
        ("facilities", "Facilities"),
        (
            "integrated_care",
            "Integrated care (including delayed discharge due to absence of care package)",
        ),
        ("mortuary", "Mortuary and post-mortem arrangements"),
        ("other", "Other"),
        ("patient_care", "Patient care including nutrition/hydration"),
        ("prescribing", "Prescribing (errors)"),
        ("privacy_dignity", "Privacy, dignity and wellbeing"),
        ("restraint", "Restraint"),
        ("staff_numbers", "Staff numbers"),
        ("transport", "Transport (ambulances and other)"),
        ("trust_administration", "Trust administration"),
        ("values_behaviours", "Values and behaviours (staff)"),
        ("waiting_times", "Waiting times"),
    ],
    "service_area": [
        ("a_and_e", "A&E"),
        ("anaesthetics", "Anaesthetics"),
        ("dental", "Dental group"),
        ("mental_health", "Mental health"),
        ("obstetrics_gynaecology", "Obstetrics and gynaecology"),
        ("paediatric", "Paediatric group"),
        ("radiology", "Radiology group"),
        ("other", "Other"),
    ],
    "profession": [
        ("medical", "Medical (includes hospital doctors and surgeons)"),
        ("nursing_midwifery", "Nursing, Midwifery and Health Visiting"),
        ("scientific_technical", "Scientific, Therapeutic and Technical"),
        ("other", "Other"),
    ],
    "complainant_status": [
        ("patient", "Patient"),
        ("relative_carer", "Relative or carer"),
        ("representative", "Representative or advocate"),
        ("other", "Other"),
    ],
}
SEED_VALID_FROM = dt.date(2015, 4, 1)


def upgrade() -> None:
    case_code = op.create_table(
        "case_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_list", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("created_at", services.common.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_code")),
        sa.UniqueConstraint(
            "code_list", "code", "version", name=op.f("uq_case_code_code_list_code_version")
        ),
    )
    with op.batch_alter_table("case_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_code_code_list"), ["code_list"], unique=False)

    op.create_table(
        "case_sequence",
        sa.Column("case_type", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("case_type", "year", name=op.f("pk_case_sequence")),
    )
    op.create_table(
        "complaint_case",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("case_type", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("feedback_id", sa.Uuid(), nullable=True),
        sa.Column("ward_code", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("site_code", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("received_how", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("oral_record_copy_sent_on", sa.Date(), nullable=True),
        sa.Column("complainant_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column(
            "complainant_contact", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True
        ),
        sa.Column("relationship", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("consent", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("complainant_status_id", sa.Integer(), nullable=True),
        sa.Column(
            "complainant_ethnic_category",
            sqlmodel.sql.sqltypes.AutoString(length=2),
            nullable=False,
        ),
        sa.Column("event_on", sa.Date(), nullable=True),
        sa.Column("outside_time_limit", sa.Boolean(), nullable=False),
        sa.Column("time_limit_waiver_reason", sa.Text(), nullable=True),
        sa.Column("patient_date_of_birth", sa.Date(), nullable=True),
        sa.Column("patient_age_at_event", sa.Integer(), nullable=True),
        sa.Column("service_area_id", sa.Integer(), nullable=True),
        sa.Column("profession_id", sa.Integer(), nullable=True),
        sa.Column("ack_due", sa.Date(), nullable=False),
        sa.Column("acknowledged_on", sa.Date(), nullable=True),
        sa.Column("discussion_offered", sa.Boolean(), nullable=True),
        sa.Column("discussion_accepted", sa.Boolean(), nullable=True),
        sa.Column("response_due", sa.Date(), nullable=False),
        sa.Column("response_due_agreed", sa.Boolean(), nullable=False),
        sa.Column("response_sent_on", sa.Date(), nullable=True),
        sa.Column("late_reason", sa.Text(), nullable=True),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("phso_rights_included", sa.Boolean(), nullable=False),
        sa.Column("signed_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("phso_referred_on", sa.Date(), nullable=True),
        sa.Column(
            "assigned_officer_id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True
        ),
        sa.Column(
            "assigned_officer_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True
        ),
        sa.Column("created_at", services.common.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("updated_at", services.common.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["complainant_status_id"],
            ["case_code.id"],
            name=op.f("fk_complaint_case_complainant_status_id_case_code"),
        ),
        sa.ForeignKeyConstraint(
            ["feedback_id"], ["feedback.id"], name=op.f("fk_complaint_case_feedback_id_feedback")
        ),
        sa.ForeignKeyConstraint(
            ["profession_id"],
            ["case_code.id"],
            name=op.f("fk_complaint_case_profession_id_case_code"),
        ),
        sa.ForeignKeyConstraint(
            ["service_area_id"],
            ["case_code.id"],
            name=op.f("fk_complaint_case_service_area_id_case_code"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_case")),
        sa.UniqueConstraint("reference", name=op.f("uq_complaint_case_reference")),
    )
    with op.batch_alter_table("complaint_case", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_complaint_case_assigned_officer_id"),
            ["assigned_officer_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_complaint_case_case_type"), ["case_type"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_complaint_case_feedback_id"), ["feedback_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_complaint_case_site_code"), ["site_code"], unique=False
        )
        batch_op.create_index(
            "ix_complaint_case_status_ack_due", ["status", "ack_due"], unique=False
        )
        batch_op.create_index(
            "ix_complaint_case_status_response_due", ["status", "response_due"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_complaint_case_ward_code"), ["ward_code"], unique=False
        )

    op.create_table(
        "case_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("occurred_at", services.common.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("actor_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("before", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("after", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["complaint_case.id"], name=op.f("fk_case_event_case_id_complaint_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_event")),
    )
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_event_case_id"), ["case_id"], unique=False)

    op.create_table(
        "complaint_case_subject",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["complaint_case.id"],
            name=op.f("fk_complaint_case_subject_case_id_complaint_case"),
        ),
        sa.ForeignKeyConstraint(
            ["code_id"], ["case_code.id"], name=op.f("fk_complaint_case_subject_code_id_case_code")
        ),
        sa.PrimaryKeyConstraint("case_id", "code_id", name=op.f("pk_complaint_case_subject")),
    )

    created = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)
    op.bulk_insert(
        case_code,
        [
            {
                "code_list": code_list,
                "code": code,
                "label": label,
                "version": 1,
                "valid_from": SEED_VALID_FROM,
                "valid_to": None,
                "created_at": created,
                "created_by": "seed",
            }
            for code_list, rows in SEED.items()
            for code, label in rows
        ],
    )


def downgrade() -> None:
    op.drop_table("complaint_case_subject")
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_event_case_id"))
    op.drop_table("case_event")
    with op.batch_alter_table("complaint_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_case_ward_code"))
        batch_op.drop_index("ix_complaint_case_status_response_due")
        batch_op.drop_index("ix_complaint_case_status_ack_due")
        batch_op.drop_index(batch_op.f("ix_complaint_case_site_code"))
        batch_op.drop_index(batch_op.f("ix_complaint_case_feedback_id"))
        batch_op.drop_index(batch_op.f("ix_complaint_case_case_type"))
        batch_op.drop_index(batch_op.f("ix_complaint_case_assigned_officer_id"))
    op.drop_table("complaint_case")
    op.drop_table("case_sequence")
    with op.batch_alter_table("case_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_code_code_list"))
    op.drop_table("case_code")
