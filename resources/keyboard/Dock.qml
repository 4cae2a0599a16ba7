// The docked keyboard's root: small, so the kiosk paints its first screen at
// once; the panel itself (the Qt Virtual Keyboard) loads in the background.
import QtQuick

Item {
    id: dock

    // Set by terminal/widgets/keyboard_dock.py.
    property string locale: "zh_CN"
    property real textScale: 1.0

    // Read by terminal/widgets/keyboard_dock.py.
    readonly property bool ready: loader.status === Loader.Ready
    readonly property bool active: ready && loader.item.active
    readonly property string preedit: ready ? loader.item.preedit : ""

    implicitHeight: ready ? loader.item.implicitHeight : 0

    Loader {
        id: loader
        asynchronous: true
        source: "Panel.qml"
        anchors.fill: parent
    }
    Binding { target: loader.item; property: "locale"; value: dock.locale; when: dock.ready }
    Binding { target: loader.item; property: "textScale"; value: dock.textScale; when: dock.ready }
}
