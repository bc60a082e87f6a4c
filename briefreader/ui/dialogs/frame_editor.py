"""The frame editor: what happened, who to whom, where, when, whether it did, from the keyboard.

One row per field of the frame; enter changes the highlighted one (a
chooser with type-to-filter for the type, the entities and the status, a
line for the date), backspace clears it, ``a`` applies them all as one
change. Actors and targets are lists: choosing an entity already listed
takes it off. ``n`` on the Actors, Targets or Place row marks words of the
sentence as a new entity (a label chosen as for ``+`` in the Article) and
puts it in that role; as with ``+``, the words replace a mention they
overlap (``edits.add_mention``). Nothing here changes the Document: the dialog
returns the fields (``edits.FrameFields``) with the new entities it marked
(``changes.MarkEntity``, named in the fields by a stand-in id ``+1``), and
the caller asks for one ``EditFrame``: one undo step. Sized for 80x24:
eight one-line rows under the sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefreader.model.display import one_line, visible
from briefreader.model.edits import FrameFields
from briefreader.model.event import STATUSES, EventStatus, When, valid_event_date
from briefreader.session.changes import MarkEntity
from briefreader.ui.widgets.keybar import KeyBar
from briefreader.ui.widgets.passage import Passage

ROWS: tuple[tuple[str, str], ...] = (
    ("type", "Type"),
    ("actors", "Actors"),
    ("targets", "Targets"),
    ("place", "Place"),
    ("date", "Date"),
    ("written", "As written"),
    ("status", "Status"),
    ("negated", "Negated"),
)
"""The editor's rows: (id, name)."""
NONE = "-"
"""The chooser's id for "no place"."""
ROLE_ROWS = ("actors", "targets", "place")
"""The rows ``n`` marks a new entity on."""

Find = Callable[[str], tuple[int, int] | str]
"""Where words stand in the frame's sentence (their first occurrence, as text offsets), or why they cannot be marked."""


@dataclass(frozen=True)
class FrameAnswer:
    """What the editor returns: the fields, and the entities marked on the spot that they name."""

    fields: FrameFields
    marks: tuple[tuple[str, MarkEntity], ...] = ()
    """(stand-in id used in ``fields``, the mark)."""


class FrameEditor(ModalScreen[FrameAnswer | None]):
    """Edit one event frame's fields; returns them (with new entities), or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "a", "apply", "Apply", tooltip="Apply the frame as one change (ctrl+z undoes)", id="frame_editor.apply"
        ),
        Binding(
            "backspace,delete",
            "clear",
            "Clear",
            tooltip="Clear the highlighted field (no actors, no place, no date; status back to happened)",
            id="frame_editor.clear",
        ),
        Binding(
            "n",
            "new_entity",
            "New entity",
            tooltip=(
                "On Actors, Targets or Place: mark words of the sentence as a new entity"
                " (replacing mentions they overlap) and put it there"
            ),
            id="frame_editor.new_entity",
        ),
        Binding("escape", "cancel", "Cancel", tooltip="Close, changing nothing", id="frame_editor.cancel"),
    ]

    def __init__(
        self,
        heading: str,
        sentence: str,
        fields: FrameFields,
        entities: list[tuple[str, Text]],
        names: dict[str, str],
        types: list[tuple[str, str]],
        find: Find | None = None,
        labels: list[tuple[str, Text]] | None = None,
    ) -> None:
        super().__init__()
        self.heading = heading
        self.sentence = sentence
        """The sentence the frame is read from, shown above the fields."""
        self.fields = fields
        """The fields as they stand in the dialog."""
        self.entities = entities
        """The brief's visible entities as chooser items (id, Text)."""
        self.names = names
        """Entity names by id."""
        self.types = types
        """The taxonomy's categories: (id, label)."""
        self.find = find
        """Where words stand in the sentence (None: no new entities here)."""
        self.labels = labels or []
        """The entity labels a new entity may take, as chooser items."""
        self.marks: list[tuple[str, MarkEntity]] = []
        """New entities marked here, with their stand-in ids."""

    def compose(self) -> ComposeResult:
        """The sentence, then one row per field."""
        with Vertical(classes="dialog frame-editor") as box:
            box.border_title = Content(self.heading)
            with Passage(classes="context"):
                yield Static(Text(visible(self.sentence), style="italic"))
            yield OptionList(*self._options(), id="frame-fields", markup=False)
        yield KeyBar(hints=[("⏎", "change")])

    def on_mount(self) -> None:
        """The rows take the keys."""
        rows = self.query_one("#frame-fields", OptionList)
        rows.highlighted = 0
        rows.focus()

    # Rows ------------------------------------------------------------------------------

    def _entity_name(self, entity_id: str | None) -> str:
        return one_line(self.names.get(entity_id, entity_id), 30) if entity_id else "—"

    def _value(self, row: str) -> str:
        f = self.fields
        if row == "type":
            label = dict(self.types).get(f.type)
            return f"{f.type} ({label})" if label else f.type
        if row in ("actors", "targets"):
            ids = f.actors if row == "actors" else f.targets
            return ", ".join(self._entity_name(i) for i in ids) or "—"
        if row == "place":
            return self._entity_name(f.place)
        if row == "date":
            return f.when.date if f.when and f.when.date else "—"
        if row == "written":
            return one_line(f.when.text, 40) if f.when and f.when.text else "—"
        if row == "status":
            return f.status
        return "yes: did not or will not happen" if f.negated else "no"

    def _options(self) -> list[Option]:
        return [
            Option(Text.assemble((f"{name:<11}", "bold"), one_line(self._value(row), 60)), id=row) for row, name in ROWS
        ]

    def _show(self) -> None:
        rows = self.query_one("#frame-fields", OptionList)
        at = rows.highlighted
        rows.set_options(self._options())
        rows.highlighted = at

    def _set(self, **changes: object) -> None:
        self.fields = replace(self.fields, **changes)  # type: ignore[arg-type]
        self._show()

    # Changing a field ----------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a row: change that field."""
        event.stop()
        row = event.option_id or ""
        if row == "negated":
            self._set(negated=not self.fields.negated)
        elif row == "type":
            items = [(i, Text.assemble(i, (f"  {label}", "dim"))) for i, label in self.types]
            self._choose("Type", items, lambda got: self._set(type=got))
        elif row in ("actors", "targets"):
            self._choose_role(row)
        elif row == "place":
            items = [(NONE, Text("no place", style="dim")), *self.entities]
            self._choose("Place", items, lambda got: self._set(place=None if got == NONE else got))
        elif row == "status":
            items = [(s, Text(s)) for s in STATUSES]
            self._choose("Status", items, self._set_status)
        elif row in ("date", "written"):
            self._ask_date(row)

    def _choose(self, title: str, items: list[tuple[str, Text]], then: Callable[[str], None], hint: str = "") -> None:
        from briefreader.ui.dialogs.choose import Choose

        def chosen(got: str | None) -> None:
            if got:
                then(got)

        self.app.push_screen(Choose(title, items, hint=hint), chosen)

    def _set_status(self, status: str) -> None:
        if status in STATUSES:
            self._set(status=_status(status))

    def _choose_role(self, row: str) -> None:
        now = self.fields.actors if row == "actors" else self.fields.targets
        items = [(i, Text.assemble("✓ " if i in now else "  ", t)) for i, t in self.entities]

        def toggle(got: str) -> None:
            ids = tuple(i for i in now if i != got) if got in now else (*now, got)
            self._set(**{row: ids})

        hint = "type to filter; enter adds the entity, or takes off one marked ✓"
        self._choose("Actors" if row == "actors" else "Targets", items, toggle, hint)

    def _ask_date(self, row: str) -> None:
        from briefreader.ui.dialogs.ask import Ask

        when = self.fields.when or When("")
        if row == "date":

            def check(value: str) -> str | None:
                return None if valid_event_date(value) else "Write YYYY, YYYY-MM or YYYY-MM-DD (a real date)."

            def dated(value: str | None) -> None:
                if value:
                    self._set(when=When(when.text or value, value))

            hint = "ISO: YYYY, YYYY-MM or YYYY-MM-DD"
            self.app.push_screen(Ask("Date", when.date or "", hint, check=check), dated)
            return

        def written(value: str | None) -> None:
            if value:
                self._set(when=When(value, when.date))

        hint = "The words of the brief the date comes from ('last Monday', 'in October')"
        self.app.push_screen(Ask("Date as written", when.text, hint), written)

    # Keys ---------------------------------------------------------------------------------

    def action_clear(self) -> None:
        """Backspace: empty the highlighted field."""
        rows = self.query_one("#frame-fields", OptionList)
        option = rows.highlighted_option
        row = option.id if option is not None else None
        if row in ("actors", "targets"):
            self._set(**{row: ()})
        elif row == "place":
            self._set(place=None)
        elif row in ("date", "written"):
            self._set(when=None)
        elif row == "status":
            self._set(status="happened")
        elif row == "negated":
            self._set(negated=False)

    def action_new_entity(self) -> None:
        """``n``: words of the sentence, then their label; the new entity goes in the highlighted role."""
        from briefreader.ui.dialogs.ask import Ask

        option = self.query_one("#frame-fields", OptionList).highlighted_option
        row = option.id if option is not None else None
        if row not in ROLE_ROWS or self.find is None:
            self.notify("n marks a new entity on the Actors, Targets or Place row.", markup=False)
            return
        find = self.find

        def where(words: str) -> tuple[int, int] | str:
            got = find(words)
            if isinstance(got, str):
                return got
            for i, m in self.marks:
                if (m.start, m.end) != got and m.start < got[1] and got[0] < m.end:
                    return f"overlaps “{one_line(self.names.get(i, ''), 40)}”, marked already"
            return got

        def check(words: str) -> str | None:
            got = where(words)
            return got if isinstance(got, str) else None

        def asked(words: str | None) -> None:
            got = where(words) if words else None
            if got is None or isinstance(got, str):
                return
            start, end = got
            title = f"Label for “{one_line(words or '', 40)}”"
            self._choose(title, self.labels, lambda label: self._mark(row, start, end, words or "", label))

        hint = "Type the words exactly as they stand in the sentence above (the first time they occur is marked)."
        sentence = Text(visible(self.sentence))
        self.app.push_screen(Ask("New entity", "", hint, context=sentence, check=check), asked)

    def _mark(self, row: str, start: int, end: int, words: str, label: str) -> None:
        """Keep the mark under a stand-in id (the same words again reuse it) and put it in ``row``."""
        stand_in = next((i for i, m in self.marks if (m.start, m.end) == (start, end)), None)
        if stand_in is None:
            stand_in = f"+{len(self.marks) + 1}"
            self.marks.append((stand_in, MarkEntity(start, end, label.strip().upper())))
            self.names[stand_in] = f"{words} (new)"
            self.entities.append((stand_in, Text.assemble(one_line(words, 50), (f"  new {label.upper()}", "dim"))))
        if row == "place":
            self._set(place=stand_in)
        else:
            ids = self.fields.actors if row == "actors" else self.fields.targets
            self._set(**{row: ids if stand_in in ids else (*ids, stand_in)})

    def action_apply(self) -> None:
        """``a``: return the fields, with the new entities they still name."""
        f = self.fields
        named = {*f.actors, *f.targets, f.place}
        self.dismiss(FrameAnswer(f, tuple(m for m in self.marks if m[0] in named)))

    def action_cancel(self) -> None:
        """Escape: nothing."""
        self.dismiss(None)


def _status(value: str) -> EventStatus:
    return "planned" if value == "planned" else "reported" if value == "reported" else "happened"
