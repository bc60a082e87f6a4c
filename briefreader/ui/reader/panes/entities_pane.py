"""The Entities pane: entities grouped by label, with counts and aliases, and their corrections.

Its keys act here: each asks for what it needs (a label, another entity,
a name) and posts the change as one ``ChangeRequested``; the screen applies it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import var
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefreader.model.display import one_line
from briefreader.model.document import Document, Entity
from briefreader.model.labels import LABEL_NAMES, label_rank, style_for
from briefreader.session import changes
from briefreader.ui.messages import ChangeRequested
from briefreader.ui.reader.choices import entity_items, label_items
from briefreader.ui.widgets.pane_list import PaneList

if TYPE_CHECKING:
    from briefreader.ui.dialogs.ask import Ask
    from briefreader.ui.dialogs.choose import Choose


class EntitiesPane(PaneList):
    """Every visible entity, under a heading per label."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "select", "Show", tooltip="Show the entity's first mention in the Article", id="entities.select"
        ),
        Binding(
            "e",
            "relabel",
            "Relabel",
            tooltip="Give the entity another label (PERSON, ORG, GPE, …)",
            id="entities.relabel",
        ),
        Binding(
            "x",
            "reject",
            "Reject",
            tooltip="Hide the entity, also after a re-parse (u restores it)",
            id="entities.reject",
        ),
        Binding(
            "m", "merge", "Merge into…", tooltip="Merge the entity into another one; notes follow", id="entities.merge"
        ),
        Binding("R", "rename", "Rename", tooltip="Give the entity another name", id="entities.rename"),
        Binding(
            "s",
            "split",
            "Split spelling",
            tooltip="Split one spelling off into an entity of its own",
            id="entities.split",
        ),
        Binding(
            "h",
            "toggle_rejected",
            "Rejected",
            tooltip="List rejected entities too (dimmed), or hide them",
            id="entities.rejected",
        ),
        Binding("u", "restore", "Restore", tooltip="Bring back the highlighted rejected entity", id="entities.restore"),
    ]
    NEEDS_ITEM = frozenset({"select", "relabel", "reject", "merge", "rename", "split", "restore"})
    ANCHOR = "entity"

    selected_entity: var[str | None] = var(None)
    """Bound: the entity selected anywhere; the highlight follows it when another pane is in use."""
    show_rejected: var[bool] = var(False)
    """Rejected entities are listed (dimmed) only when this is on."""

    @dataclass
    class Highlighted(Message):
        """The user moved onto an entity (None: onto a heading)."""

        entity_id: str | None

    @dataclass
    class Chosen(Message):
        """Enter on an entity: show its first mention."""

        entity_id: str

    # Drawing -----------------------------------------------------------------------------

    def watch_show_rejected(self) -> None:
        """List or hide rejected entities."""
        self.refresh_list()

    def watch_selected_entity(self, entity_id: str | None) -> None:
        """Follow a selection made elsewhere (a note on an entity)."""
        if not self.has_focus and entity_id != self.highlighted_id:
            with self.prevent(OptionList.OptionHighlighted):
                self.highlight_id(entity_id)

    def rebuild(self) -> None:
        """Rebuild the list from the Document, keeping the highlight on the same entity."""
        doc = self.doc
        if doc is None:
            return
        groups: dict[str, list[Option]] = {}
        entities = [e for e in doc.entities if e.visible_mentions or (self.show_rejected and e.rejected)]
        entities.sort(key=lambda e: (label_rank(e.label), -len(e.visible_mentions), e.name.casefold()))
        for e in entities:
            groups.setdefault(e.label, []).append(Option(_entity_line(e), id=e.id))
        options: list[Option] = []
        for label, opts in groups.items():
            head = Text(f"{LABEL_NAMES.get(label, label.title())} · {label} ({len(opts)})", style="bold")
            options.append(Option(head, disabled=True))
            options.extend(opts)
        self.replace_options(options)

    # Messages up ---------------------------------------------------------------------------

    def on_focus(self) -> None:
        """Coming into the pane selects the entity under its cursor (its mentions light up)."""
        self.post_message(self.Highlighted(self.highlighted_id))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Tell the screen which entity is under the highlight."""
        event.stop()
        self.post_message(self.Highlighted(event.option_id))

    def choose(self, option_id: str) -> None:
        """Enter: show the entity's first mention."""
        self.post_message(self.Chosen(option_id))

    def _entity(self) -> Entity | None:
        return self.highlighted_item(Document.entity, "Move onto an entity first.")

    def _ask(self, dialog: Choose | Ask, change: Callable[[str], changes.Change]) -> None:
        """Show ``dialog``; its answer, if any, becomes the change asked for."""

        def answered(value: str | None) -> None:
            if value:
                self.post_message(ChangeRequested(change(value)))

        self.app.push_screen(dialog, answered)

    def action_relabel(self) -> None:
        """``e``: choose another label."""
        from briefreader.ui.dialogs.choose import Choose

        if (ent := self._entity()) and self.doc:
            chooser = Choose(f"Relabel {one_line(ent.name, 40)}", label_items(self.doc, ent.label), allow_new=True)
            self._ask(chooser, partial(changes.Relabel, ent.id))

    def action_reject(self) -> None:
        """``x``: hide the entity."""
        if ent := self._entity():
            self.post_message(ChangeRequested(changes.Reject(ent.id)))

    def action_restore(self) -> None:
        """``u``: bring back a rejected entity."""
        if ent := self._entity():
            if not ent.rejected:
                self.notify("That entity is not rejected (h lists rejected ones).", markup=False)
                return
            self.post_message(ChangeRequested(changes.Restore(ent.id)))

    def action_merge(self) -> None:
        """``m``: choose the entity to merge this one into."""
        from briefreader.ui.dialogs.choose import Choose

        if (ent := self._entity()) and self.doc:
            gone = ent.id
            chooser = Choose(f"Merge {one_line(ent.name, 40)} into…", entity_items(self.doc, gone))
            self._ask(chooser, lambda keep: changes.Merge(keep, gone))

    def action_rename(self) -> None:
        """``R``: type another name."""
        from briefreader.ui.dialogs.ask import Ask

        if ent := self._entity():
            self._ask(Ask("Rename entity", ent.name), partial(changes.Rename, ent.id))

    def action_split(self) -> None:
        """``s``: choose a spelling to split off."""
        from briefreader.ui.dialogs.choose import Choose

        if not (ent := self._entity()):
            return
        spellings = sorted({m.text for m in ent.visible_mentions})
        if len(spellings) < 2:
            self.notify("Every mention is spelled the same: nothing to split off.", severity="warning")
            return
        items = [
            (t, Text.assemble(one_line(t, 50), (f"  ×{sum(m.text == t for m in ent.mentions)}", "dim")))
            for t in spellings
        ]
        self._ask(Choose(f"Split off from {one_line(ent.name, 40)}", items), partial(changes.Split, ent.id))

    def action_toggle_rejected(self) -> None:
        """``h``: list rejected entities too (dimmed, struck through), so they can be restored with u."""
        self.show_rejected = not self.show_rejected


def _entity_line(e: Entity) -> Text:
    count = len(e.visible_mentions)
    line = Text()
    line.append("● ", style=style_for(e.label))
    line.append(one_line(e.name, 40), style="strike dim" if e.rejected else "")
    line.append(f"  ×{count}" if count else "  rejected", style="dim")
    if e.aliases:
        line.append("\n   also " + one_line(", ".join(e.aliases), 60), style="dim italic")
    return line


def entity_summary(ent: Entity) -> Text:
    """The status line for a selected entity: name, label, mentions, and the keys that walk them."""
    n = len(ent.visible_mentions)
    line = Text.assemble((one_line(ent.name, 60), style_for(ent.label)), f" · {ent.label} · {n} mention")
    line.append("s" if n != 1 else "")
    line.append("   ] / [ next / previous mention", style="dim")
    return line
