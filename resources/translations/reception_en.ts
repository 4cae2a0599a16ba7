<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Large text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>High contrast</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Now serving</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Touch the screen to start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 → window %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No numbers are being called right now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Welcome. Self-service is open 24 hours.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notice: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <source>Window terminal</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Device</name>
    <message>
        <source>The printer is not available right now.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The printer is out of paper.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The printer cover is open.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The printer is running low on paper.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The printer may not be able to print right now.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The ID card reader is not available. Please ask staff for help.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please place your ID card flat on the reader and keep it still.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The card reader is not available. Please ask staff for help.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please place your card on the reader.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The card was taken away too early. Please place it on the reader again and keep it there.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The card reader is busy. Please try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This card cannot be read here. Please ask staff for help.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No page found. Please lay the page flat, fully inside the frame.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The camera is not available right now. Please ask a staff member for help.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The camera picture was interrupted. Please wait a moment.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Photo checks are not available right now.</source>
        <extracomment>Output size of an ID photo: 358x441 px (26x32 mm at 350 dpi, head and shoulders). Share of the photo's width taken by the detected face box. Height of the face box's centre from the top, as a share of the photo's height.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No face found. Please look straight at the camera.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>More than one face is in the picture. Please stand alone in front of the camera.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This kiosk is temporarily out of service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please ask at a service window. We are sorry for the wait.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PinGate</name>
    <message>
        <source>No technician PIN is configured.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>Wrong PIN. %n attempt left.</numerusform><numerusform>Wrong PIN. %n attempts left.</numerusform></translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Technician PIN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>● Connecting…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>● %n record(s) need a technician</source>
        <translation>
            <numerusform>● %n record needs a technician</numerusform>
            <numerusform>● %n records need a technician</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● Online · %n waiting to send</source>
        <translation>
            <numerusform>● Online · %n waiting to send</numerusform>
            <numerusform>● Online · %n waiting to send</numerusform>
        </translation>
    </message>
    <message>
        <source>● Online</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>● Offline · %n saved, will be sent</source>
        <translation>
            <numerusform>● Offline · %n saved, will be sent</numerusform>
            <numerusform>● Offline · %n saved, will be sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TechnicianPanel</name>
    <message>
        <source>Technician panel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Receipt printer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ID card reader</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address, e.g. 10.0.0.9:9100</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Serial port or reader</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Index or path</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Test print</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Test card read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Discover devices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save configuration</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Camera preview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not configured</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Degraded</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printing a test receipt…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printed receipt %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not printed: %1
%2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reading the card…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Card read: %1, %2
%3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Card reader problem: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No card on the reader.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop preview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Looking for devices…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Found:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Discovery failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved to %1. Restart the app to use the new devices.</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>