"""The center's staff: add a member with a first PIN, deactivate or reactivate
one, reset a PIN, bind or unbind a staff card (held on the counter's card
reader while this page shows, or its UID typed)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from counter.admin.common import ClientSource, ManagerPage
from sync.protocol.center import CenterStaff, NewStaff, StaffCard

ROLES = ("clerk", "supervisor", "manager")


def _digits(text: str) -> bool:
    return text.isdigit() and 4 <= len(text) <= 12


class StaffPage(ManagerPage):
    def __init__(self, client: ClientSource, parent: QWidget | None = None) -> None:
        super().__init__(client, parent)
        self.setObjectName("managerStaff")
        self.staff: list[StaffCard] = []
        self.table = QTableWidget(0, 5, objectName="staffTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)

        self.add_box = QGroupBox(objectName="staffAdd")
        self.new_no = QLineEdit(objectName="staffNewNo", maxLength=32)
        self.new_name = QLineEdit(objectName="staffNewName", maxLength=60)
        self.new_role = QComboBox(objectName="staffNewRole")
        self.new_pin = QLineEdit(objectName="staffNewPin", maxLength=12)
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(objectName="staffAddButton")
        self.add_button.setProperty("role", "action")
        self.add_button.clicked.connect(self.add)
        grid = QGridLayout(self.add_box)
        for column, widget in enumerate((self.new_no, self.new_name, self.new_role,
                                         self.new_pin, self.add_button)):
            grid.addWidget(widget, 0, column)

        self.member_box = QGroupBox(objectName="staffMember")
        self.active_button = QPushButton(objectName="staffActive")
        self.active_button.clicked.connect(self.toggle_active)
        self.pin = QLineEdit(objectName="staffPin", maxLength=12)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_button = QPushButton(objectName="staffPinButton")
        self.pin_button.clicked.connect(self.reset_pin)
        self.card = QLineEdit(objectName="staffCard", maxLength=64)
        self.card_button = QPushButton(objectName="staffCardButton")
        self.card_button.clicked.connect(self.bind_card)
        self.unbind_button = QPushButton(objectName="staffUnbind")
        self.unbind_button.clicked.connect(self.unbind_card)
        member = QGridLayout(self.member_box)
        member.addWidget(self.active_button, 0, 0)
        member.addWidget(self.pin, 0, 1)
        member.addWidget(self.pin_button, 0, 2)
        member.addWidget(self.card, 1, 1)
        member.addWidget(self.card_button, 1, 2)
        member.addWidget(self.unbind_button, 1, 0)

        self.body.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_box, 3)
        row.addWidget(self.member_box, 2)
        self.body.addLayout(row)
        self._selected()
        self.retranslate()

    @property
    def chosen(self) -> StaffCard | None:
        rows = self.table.selectionModel().selectedRows()
        return self.staff[rows[0].row()] if rows else None

    def load(self) -> None:
        self.call(lambda client: client.staff(), self._listed)

    def _listed(self, listed: CenterStaff) -> None:
        chosen = self.chosen.staff_no if self.chosen else None
        self.staff = list(listed.staff)
        self.table.setRowCount(len(self.staff))
        for row, member in enumerate(self.staff):
            cells = [member.staff_no, member.name, self._role_text(member.role),
                     self.tr("Active") if member.active else self.tr("Deactivated"),
                     self.tr("Card bound") if member.card_bound else "—"]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if chosen is not None:
            self.select(chosen)
        self._selected()

    def select(self, staff_no: str) -> None:
        for row, member in enumerate(self.staff):
            if member.staff_no == staff_no:
                self.table.selectRow(row)

    def _selected(self) -> None:
        member = self.chosen
        self.member_box.setEnabled(member is not None)
        self.member_box.setTitle(f"{member.staff_no} {member.name}" if member
                                 else self.tr("Choose a member in the list"))
        self.active_button.setText(self.tr("Reactivate") if member and not member.active
                                   else self.tr("Deactivate"))

    def present_card(self, uid: str) -> bool:
        """A card held on the reader: its UID goes into the card field of the
        member chosen (False when this page is not shown or nobody is chosen)."""
        member = self.chosen
        if not self.isVisible() or member is None:
            return False
        self.card.setText(uid)
        self.tell(self.tr("Card read. Press Bind card to give it to %1.")
                  .replace("%1", member.name))
        return True

    # ------------------------------------------------------------ actions
    def add(self) -> None:
        staff_no, name = self.new_no.text().strip(), self.new_name.text().strip()
        pin = self.new_pin.text()
        if not staff_no or not name or not _digits(pin):
            self.tell(self.tr("Give a staff number, a name and a PIN of 4 to 12 digits."),
                      error=True)
            return
        new = NewStaff(staff_no=staff_no, name=name, role=ROLES[self.new_role.currentIndex()],
                       pin=pin)
        self.call(lambda client: client.add_staff(new), self._added)

    def _added(self, member: StaffCard) -> None:
        for field in (self.new_no, self.new_name, self.new_pin):
            field.clear()
        self.tell(self.tr("%1 was added and can sign in with the PIN given.")
                  .replace("%1", member.name))
        self._reload_choosing(member.staff_no)

    def toggle_active(self) -> None:
        member = self.chosen
        if member is not None:
            self.call(lambda client: client.set_active(member.staff_no, not member.active),
                      self._changed)

    def reset_pin(self) -> None:
        member, pin = self.chosen, self.pin.text()
        if member is None:
            return
        if not _digits(pin):
            self.tell(self.tr("A PIN has 4 to 12 digits."), error=True)
            return
        self.call(lambda client: client.reset_pin(member.staff_no, pin), self._pin_reset)

    def _pin_reset(self, member: StaffCard) -> None:
        self.pin.clear()
        self.tell(self.tr("The PIN of %1 was reset.").replace("%1", member.name))
        self._reload_choosing(member.staff_no)

    def bind_card(self) -> None:
        member, uid = self.chosen, self.card.text().strip()
        if member is None:
            return
        if len(uid) < 4 or any(c not in "0123456789abcdefABCDEF: " for c in uid):
            self.tell(self.tr("Type the card's number (UID, hexadecimal)."), error=True)
            return
        self.call(lambda client: client.bind_card(member.staff_no, uid), self._changed)

    def unbind_card(self) -> None:
        member = self.chosen
        if member is not None:
            self.call(lambda client: client.bind_card(member.staff_no, None), self._changed)

    def _changed(self, member: StaffCard) -> None:
        self.card.clear()
        self.tell(self.tr("Saved: %1.").replace("%1", member.name))
        self._reload_choosing(member.staff_no)

    def _reload_choosing(self, staff_no: str) -> None:
        def listed(result: CenterStaff) -> None:
            self._listed(result)
            self.select(staff_no)

        self.call(lambda client: client.staff(), listed)

    def _role_text(self, role: str) -> str:
        return {"clerk": self.tr("Clerk"), "supervisor": self.tr("Supervisor"),
                "manager": self.tr("Center manager"),
                "technician": self.tr("Technician")}.get(role, role)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff of this center"))
        self.table.setHorizontalHeaderLabels([self.tr("Staff number"), self.tr("Name"),
                                              self.tr("Role"), self.tr("State"),
                                              self.tr("Staff card")])
        self.add_box.setTitle(self.tr("Add a member"))
        self.new_no.setPlaceholderText(self.tr("Staff number"))
        self.new_name.setPlaceholderText(self.tr("Name"))
        index = self.new_role.currentIndex()
        self.new_role.clear()
        self.new_role.addItems([self._role_text(role) for role in ROLES])
        self.new_role.setCurrentIndex(max(0, index))
        self.new_pin.setPlaceholderText(self.tr("First PIN"))
        self.add_button.setText(self.tr("Add"))
        self.pin.setPlaceholderText(self.tr("New PIN"))
        self.pin_button.setText(self.tr("Reset PIN"))
        self.card.setPlaceholderText(self.tr("Hold the card on the reader"))
        self.card_button.setText(self.tr("Bind card"))
        self.unbind_button.setText(self.tr("Unbind card"))
        self._selected()
        if self.staff:
            self._listed(CenterStaff(staff=self.staff))
