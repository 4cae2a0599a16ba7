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
    <name>SyncBadge</name>
    <message>
        <source>● Connecting…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>● %n record(s) need a technician</source>
        <translation>
            <numerusform>● %n record needs a technician</numerusform><numerusform>● %n records need a technician</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>● Online · %n waiting to send</source>
        <translation>
            <numerusform>● Online · %n waiting to send</numerusform><numerusform>● Online · %n waiting to send</numerusform></translation>
    </message>
    <message>
        <source>● Online</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>● Offline · %n saved, will be sent</source>
        <translation>
            <numerusform>● Offline · %n saved, will be sent</numerusform><numerusform>● Offline · %n saved, will be sent</numerusform></translation>
    </message>
</context>
</TS>