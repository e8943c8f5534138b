from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from desktop_app.ui.panes import in_a_column


def test_a_column_holds_its_parts_in_order_edge_to_edge_and_stretches_those_given_a_stretch(qtbot):
    title, player, button = QLabel("title"), QLabel("player"), QPushButton("Practise")
    buttons = QHBoxLayout()
    buttons.addWidget(button)
    column = in_a_column(title, (player, 1), buttons)
    qtbot.addWidget(column)
    layout = column.layout()
    assert layout.contentsMargins().isNull()  # the pane around it keeps the margins
    assert [layout.itemAt(i).widget() or layout.itemAt(i).layout() for i in range(layout.count())] == [
        title,
        player,
        buttons,
    ]
    assert [layout.stretch(i) for i in range(layout.count())] == [0, 1, 0]
    assert button.parent() is column
    column.resize(200, 600)
    column.show()
    qtbot.waitExposed(column)
    assert player.height() > 400 > title.height()  # the stretched part takes the height left over
