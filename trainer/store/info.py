"""Plain frozen records returned by the services: safe to keep after the session has closed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    name: str


@dataclass(frozen=True)
class LearnerInfo:
    id: int
    employee_no: str
    name: str
    department: str | None
    role: str
    has_pin: bool
    email: str | None
    active: bool = True
    updated_at: datetime | None = None
    last_seen_at: datetime | None = None
    job_role: str | None = None  # role profile id from the competency framework

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class LessonState:
    pack_id: str
    module_id: str
    status: str
    seconds: int
    position: Any
    updated_at: datetime


@dataclass(frozen=True)
class AttemptInfo:
    id: uuid.UUID
    learner_id: int
    pack_id: str
    pack_version: str
    exercise_id: str
    response: Any
    score: float | None
    weights: dict[str, float]
    started_at: datetime
    finished_at: datetime | None
    device_id: uuid.UUID | None = None
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class AuditInfo:
    id: int
    at: datetime
    actor_id: int | None
    actor_name: str
    action: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class DeviceInfo:
    id: uuid.UUID
    name: str
    is_local: bool
    public_key: str | None = None  # Ed25519, base64: None until approved (or first export)
    key_added_at: datetime | None = None
