"""The pages' keyboard shortcuts, each declared once here with what it does in the learner's words: the page
binds it (:meth:`Shortcut.bind`) and Help → Keyboard shortcuts lists it, beside the menus' own shortcuts read
from their actions (:func:`shortcuts_html`), so the list cannot drift from the keys the app has."""

from __future__ import annotations

import html
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QMenu, QMenuBar, QWidget

Key = Qt.Key | QKeySequence.StandardKey | str  # made a QKeySequence when bound: a standard key needs the app


@dataclass(frozen=True)
class Shortcut:
    where: str  # the page, or the part of it, the keys work on
    keys: tuple[Key, ...]
    does: str
    # False: a key held down does it once, not ~30 times a second (a held Delete emptied a sign's clips)
    repeats: bool = True

    def bind(
        self,
        widget: QWidget,
        slot: Callable[[], object],
        context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    ) -> None:
        """Each key calls ``slot`` while ``widget``'s window is active (``context``: or while the keyboard is
        on ``widget`` or one of its children, Qt.ShortcutContext.WidgetWithChildrenShortcut)."""
        self.bind_each(widget, [slot] * len(self.keys), context)

    def bind_each(
        self,
        widget: QWidget,
        slots: Sequence[Callable[[], object]],
        context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    ) -> None:
        """Key ``i`` calls ``slots[i]`` (the answers' keys 1 to 4)."""
        for key, slot in zip(self.keys, slots, strict=True):
            shortcut = QShortcut(QKeySequence(key), widget, slot)
            shortcut.setContext(context)
            shortcut.setAutoRepeat(self.repeats)

    def key_names(self) -> str:
        """ "Space"; "1, 2, 3 or 4", as this system names the keys."""
        names = [QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in self.keys]
        return " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


PRACTICE, LESSON, LIBRARY, SEARCH = "Practice", "A lesson or review (Home)", "Library", "Search by signing"
PAGES_WITH_A_SIGN_SEARCH = "Practice, Library and Sign map"
RECORD_OR_SEARCH = "Recording a clip (Library) or searching by signing"
PLAYER = "A sign's player, once clicked (every page)"
START_OR_STOP = Shortcut(PRACTICE, (Qt.Key.Key_Space,), "start or stop an attempt")
CANCEL_ATTEMPT = Shortcut(PRACTICE, (Qt.Key.Key_Escape,), "cancel the attempt under way")
# Space, which would press the button with the focus, starts an attempt on that page: the button's own key
COMPARE_WITH_LOOK_ALIKE = Shortcut(
    PRACTICE, ("Alt+C",), "play the sign your attempt looked more like, when its result names one, and back"
)
# The page's other buttons, each with a key of its own: reached by keyboard without going round with Tab
COUNT_DOWN = Shortcut(PRACTICE, ("Alt+3",), "count down 3-2-1, then record an attempt")
REPLAY_ATTEMPT = Shortcut(PRACTICE, ("Alt+R",), "replay your attempt over the reference")
SHOW_THE_REFERENCE = Shortcut(
    PRACTICE, ("Alt+S",), "show the sign's reference again (or the correction's picture)"
)
# One key leads to a page's search, however the page was opened (typed letters go nowhere else)
FIND_A_SIGN = Shortcut(
    PAGES_WITH_A_SIGN_SEARCH,
    (QKeySequence.StandardKey.Find,),
    "go to the search for a sign, its words selected",
)
# Taken by Practice's search box itself (keys of the box, not shortcuts: WIDGET_KEYS), listed beside Ctrl+F:
# after a search only Enter reached the sign, and no list said so
PRACTICE_SEARCH = "Practice's search for a sign"
PICK_THE_SIGN_FOUND = Shortcut(
    PRACTICE_SEARCH,
    (Qt.Key.Key_Return, Qt.Key.Key_Enter),
    "practise the first sign found (then Space starts)",
)
STEP_IN_THE_SIGNS_FOUND = Shortcut(
    PRACTICE_SEARCH, (Qt.Key.Key_Down, Qt.Key.Key_Up), "choose the next sign found, or the one before"
)
ANSWER = Shortcut(LESSON, ("1", "2", "3", "4"), "choose that answer")
# The same key for the same thing on a "sign it" step's result
COMPARE_IN_A_LESSON = Shortcut(LESSON, COMPARE_WITH_LOOK_ALIKE.keys, COMPARE_WITH_LOOK_ALIKE.does)
SIGN_IN_LESSON = Shortcut(LESSON, (Qt.Key.Key_Space,), "start or stop signing")
NEXT_STEP = Shortcut(LESSON, (Qt.Key.Key_Return, Qt.Key.Key_Enter), "go on to the next step")
# The step's other buttons, each with a key of its own, as Practice's: "Stop for now" took 7 Tabs.
# Esc cancels an attempt under way first, as in Practice; held down, it does not go on to leave the session.
STOP_FOR_NOW = Shortcut(
    LESSON,
    CANCEL_ATTEMPT.keys,
    "cancel the attempt under way; with none, stop for now (your session is saved)",
    repeats=False,
)
SHOW_ME_THE_SIGN = Shortcut(LESSON, SHOW_THE_REFERENCE.keys, "show me the sign I am to sign")
SKIP_THIS_ONE = Shortcut(LESSON, ("Alt+K",), "skip the sign I am to sign (it stays due)", repeats=False)
UNDO = Shortcut(
    LIBRARY,
    (QKeySequence.StandardKey.Undo,),
    "take back the last edit: a sign or clip deleted, a warning cleared",
    repeats=False,  # held, it took back weeks of deletions
)


def delete_keys(platform: str = sys.platform) -> tuple[Key, ...]:
    """The keys that delete what a list shows selected: Qt's standard Delete is the forward delete key
    (fn+⌫ on a Mac keyboard), so on a Mac its delete key ⌫, which is Backspace to Qt, is added."""
    return (QKeySequence.StandardKey.Delete, *((Qt.Key.Key_Backspace,) if platform == "darwin" else ()))


# The Delete key does what the button under the list with the keyboard does: a learner tries it first
DELETE_SIGN = Shortcut(
    "Library's list of signs", delete_keys(), "delete the sign selected (Undo brings it back)", repeats=False
)
DELETE_CLIP = Shortcut(
    "Library's list of clips", delete_keys(), "delete the clip selected (Undo brings it back)", repeats=False
)
CANCEL_SEARCH = Shortcut(SEARCH, (Qt.Key.Key_Escape,), "stop waiting for your sign")
SIGN_TO_THE_CAMERA = Shortcut(RECORD_OR_SEARCH, (Qt.Key.Key_Space,), "start or stop signing")
# On the player with the keyboard only: the arrows choose a sign in the lists beside it
STEP_BACK = Shortcut(PLAYER, (Qt.Key.Key_Left, Qt.Key.Key_Comma), "pause and step back a moment")
STEP_FORWARD = Shortcut(PLAYER, (Qt.Key.Key_Right, Qt.Key.Key_Period), "pause and step forward a moment")
PAGE_SHORTCUTS = (
    START_OR_STOP,
    CANCEL_ATTEMPT,
    COUNT_DOWN,
    SHOW_THE_REFERENCE,
    REPLAY_ATTEMPT,
    COMPARE_WITH_LOOK_ALIKE,
    ANSWER,
    SIGN_IN_LESSON,
    COMPARE_IN_A_LESSON,
    NEXT_STEP,
    SHOW_ME_THE_SIGN,
    SKIP_THIS_ONE,
    STOP_FOR_NOW,
    UNDO,
    DELETE_SIGN,
    DELETE_CLIP,
    CANCEL_SEARCH,
    SIGN_TO_THE_CAMERA,
    STEP_BACK,
    STEP_FORWARD,
    FIND_A_SIGN,
)
# Keys a widget takes itself (bound as no QShortcut), listed with the pages' shortcuts
WIDGET_KEYS = (PICK_THE_SIGN_FOUND, STEP_IN_THE_SIGNS_FOUND)


def bind_the_sign_search(page: QWidget, search: QLineEdit) -> None:
    """:data:`FIND_A_SIGN` on ``page``: the keyboard in its ``search``, what was typed there selected (the
    next search typed over it)."""

    def find() -> None:
        search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        search.selectAll()

    FIND_A_SIGN.bind(page, find)


def with_its_key(words: str, shortcut: Shortcut) -> str:
    """``words`` (a button's tooltip) and the key that does the same: "Count down, then record (Alt+3)"."""
    return f"{words} ({shortcut.key_names()})"


# The page tabs' own keys (QTabWidget's: bound by Qt, not here), the keyboard's way from page to page
CHANGE_PAGE = (
    QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Tab),
    QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_Tab),
)


def page_keys() -> tuple[str, str]:
    """(keys, what they do) of the tabs' own keys to the next page and the one before."""
    names = [keys.toString(QKeySequence.SequenceFormat.NativeText) for keys in CHANGE_PAGE]
    return " or ".join(names), "the next page, or the one before"


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, str]]:
    """(keys, what they do) of every menu item that has a shortcut, named as its menu names it."""
    found = []
    for menu_action in menu_bar.actions():
        menu = menu_action.menu()
        for action in menu.actions() if isinstance(menu, QMenu) else []:
            if not action.shortcut().isEmpty():
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                found.append((keys, f"{_plain(menu_action.text())} → {_plain(action.text())}"))
    return found


def _plain(menu_text: str) -> str:
    """A menu item's text without its Alt-key mark: "&Quit" is "Quit"."""
    return menu_text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcuts_html(menu_bar: QMenuBar) -> str:
    """Help → Keyboard shortcuts: the pages' shortcuts by page, then the menus'."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for shortcut in (*PAGE_SHORTCUTS, *WIDGET_KEYS):
        groups.setdefault(shortcut.where, []).append((shortcut.key_names(), shortcut.does))
    groups["Everywhere"] = [page_keys(), *menu_shortcuts(menu_bar)]
    parts = []
    for where, rows in groups.items():
        cells = "".join(
            f"<tr><td><b>{html.escape(keys)}</b>&nbsp;&nbsp;</td><td>{html.escape(does)}</td></tr>"
            for keys, does in rows
        )
        parts.append(f"<p><b>{html.escape(where)}</b></p><table>{cells}</table>")
    return "".join(parts)
