"""Tiếp nhận hồ sơ: the intake screen (applicant, procedure and checklist, draft)."""
