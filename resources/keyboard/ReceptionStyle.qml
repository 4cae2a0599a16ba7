// The reception style: Qt Virtual Keyboard's default style with the kiosk's
// font, a candidate bar an elderly resident can read (at least 32 px, larger
// in large-text mode) and a language key that toggles between the two
// languages instead of opening a list.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Styles

QtObject {
    id: reception

    property KeyboardStyle style
    property real textScale: 1.0

    readonly property bool ready: style !== null
    readonly property string fontFamily: "Noto Sans CJK SC"
    readonly property real scaleHint: ready ? style.scaleHint : 1.0
    readonly property int minimumCandidatePixels: 32
    readonly property int candidatePixelSize:
        Math.round(Math.max(minimumCandidatePixels, 44 * scaleHint) * textScale)
    readonly property color textColor: "#ffffff"
    readonly property color backgroundColor: "#263238"  // the default style's keyboard
    readonly property color separatorColor: "#4f5b62"

    property Component candidateDelegate: SelectionListItem {
        id: item
        width: Math.round(label.width + label.anchors.leftMargin * 2)
        Text {
            id: label
            objectName: "candidate"
            anchors.left: parent.left
            anchors.leftMargin: Math.round(reception.candidatePixelSize * 0.9)
            anchors.verticalCenter: parent.verticalCenter
            text: display
            color: reception.textColor
            opacity: item.ListView.isCurrentItem ? 1 : 0.9
            font.family: reception.fontFamily
            font.pixelSize: reception.candidatePixelSize
        }
        Rectangle {
            width: 3
            height: Math.round(reception.candidatePixelSize * 0.8)
            radius: 1
            color: reception.separatorColor
            anchors.verticalCenter: parent.verticalCenter
            anchors.right: parent.left
        }
    }

    property list<Binding> overrides: [
        Binding {
            target: reception.style; when: reception.ready
            property: "selectionListHeight"; value: Math.round(reception.candidatePixelSize * 2)
        },
        Binding {
            target: reception.style; when: reception.ready
            property: "selectionListDelegate"; value: reception.candidateDelegate
        },
        Binding {
            target: reception.style; when: reception.ready
            property: "languagePopupListEnabled"; value: false
        }
    ]
}
