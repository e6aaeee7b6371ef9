"""Who reads insight: staff roles (ward staff and matrons for their own wards) and board readers."""

from services.common.auth import Policy
from services.common.roles import FEEDBACK_READERS, Role

read_insight = Policy("read_insight", roles=FEEDBACK_READERS | {Role.board_reader})
