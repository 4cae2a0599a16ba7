// The Qt Virtual Keyboard's InputPanel in the kiosk's two languages, with
// the reception style's parts over the default style.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

Item {
    id: root

    property string locale: "zh_CN"
    property real textScale: 1.0
    readonly property bool active: panel.active
    readonly property string preedit: InputContext.preeditText

    // The candidate bar's place is kept while it is hidden: the panel's height
    // never changes while typing, so nothing on the screen moves under a finger.
    implicitHeight: panel.keyboard.height + panel.keyboard.wordCandidateView.height

    Rectangle {
        anchors.fill: parent
        color: reception.backgroundColor
    }

    InputPanel {
        id: panel
        objectName: "inputPanel"
        width: root.width
        anchors.bottom: parent.bottom
    }
    ReceptionStyle {
        id: reception
        objectName: "receptionStyle"
        style: panel.keyboard.style
        textScale: root.textScale
    }
    // Only the kiosk's languages, in its order; no hide key (the panel is docked).
    Binding { target: VirtualKeyboardSettings; property: "activeLocales"; value: ["zh_CN", "en_US"] }
    Binding { target: VirtualKeyboardSettings; property: "locale"; value: root.locale }
    Binding {
        target: VirtualKeyboardSettings
        property: "visibleFunctionKeys"
        value: QtVirtualKeyboard.KeyboardFunctionKeys.Language
    }
}
