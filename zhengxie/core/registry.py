"""Registration points through which each app plugs into the shell, with no edit to a shared file.

In an app's ``workbench.py`` (imported at start-up by core.apps):

    register_nav(NavItem(key="proposals", label=_("Proposals"), url_name="proposals:list", icon="file-text",
                         order=20, visible=lambda request: True))

    @todo_provider
    def proposal_todos(request) -> Iterable[TodoItem]:
        yield TodoItem(label=_("%(n)d proposals wait for your review") % {"n": 3}, count=3, url=..., priority=10)

In an app's ``demo.py`` (imported by ``seed_demo``):

    @demo_generator(order=20)
    def generate(ctx: DemoContext): ...
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass
class NavItem:
    key: str
    label: Promise | str
    url_name: str
    icon: str = "circle"  # a Bootstrap Icons name
    order: int = 100
    visible: Callable = field(default=lambda request: True)
    # The first path segment that makes this item active in the navigation.
    prefix: str = ""


@dataclass
class TodoItem:
    label: Promise | str
    count: int
    url: str
    priority: int = 50  # lower first
    icon: str = "check2-square"
    tone: str = "primary"  # a Bootstrap colour: primary, warning, danger …


_nav: dict[str, NavItem] = {}
_todo_providers: list[Callable] = []
_demo_generators: list[tuple[int, str, Callable]] = []


def register_nav(item: NavItem) -> None:
    _nav[item.key] = item


def nav_items(request) -> list[NavItem]:
    return [item for item in sorted(_nav.values(), key=lambda i: i.order) if item.visible(request)]


def todo_provider(fn: Callable[..., Iterable[TodoItem]]):
    if fn not in _todo_providers:
        _todo_providers.append(fn)
    return fn


def todos(request) -> list[TodoItem]:
    items = []
    for provider in _todo_providers:
        items.extend(item for item in provider(request) if item.count)
    return sorted(items, key=lambda i: i.priority)


def demo_generator(order: int):
    def wrap(fn):
        key = f"{fn.__module__}.{fn.__name__}"
        if all(k != key for _, k, _ in _demo_generators):
            _demo_generators.append((order, key, fn))
        return fn

    return wrap


def demo_generators() -> list[tuple[int, str, Callable]]:
    return sorted(_demo_generators, key=lambda g: g[0])
