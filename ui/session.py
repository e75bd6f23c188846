"""Who is signed in, on which core, with which background runner: what every view is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ui.tasks import Failed, Runner

if TYPE_CHECKING:
    from counter_app.services.context import Actor, Core
    from counter_app.services.users import UserView

T = TypeVar("T")


@dataclass
class Session:
    core: Core
    user: UserView
    runner: Runner

    @property
    def actor(self) -> Actor:
        return self.user.actor()

    @property
    def is_admin(self) -> bool:
        return self.user.role.value == "admin"

    @property
    def data_dir(self) -> Path:
        return self.core.settings.data_dir

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
    ) -> None:
        """Database work on the worker thread; callbacks on the Qt thread."""
        self.runner.run(fn, on_done, on_error)

    def call(self, service: Callable[..., T], *args: Any, **kw: Any) -> Callable[[], T]:
        """`service(core, actor, *args)` as a task (the usual shape of a use case)."""
        core, actor = self.core, self.actor
        return lambda: service(core, actor, *args, **kw)
