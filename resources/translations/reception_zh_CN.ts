<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Large text</source>
        <translation>大字模式</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Now serving</source>
        <translation>正在办理</translation>
    </message>
    <message>
        <source>Touch the screen to start</source>
        <translation>请触摸屏幕开始办理</translation>
    </message>
    <message>
        <source>%1 → window %2</source>
        <translation>%1 → %2号窗口</translation>
    </message>
    <message>
        <source>No numbers are being called right now</source>
        <translation>当前暂无叫号</translation>
    </message>
    <message>
        <source>Welcome. Self-service is open 24 hours.</source>
        <translation>欢迎光临，自助服务24小时开放。</translation>
    </message>
    <message>
        <source>Notice: %1</source>
        <translation>通知：%1</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <source>Window terminal</source>
        <translation>窗口终端</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>● Connecting…</source>
        <translation>● 正在连接…</translation>
    </message>
    <message numerus="yes">
        <source>● %n record(s) need a technician</source>
        <translation>
            <numerusform>● %n 条记录需要技术人员处理</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>● Online · %n waiting to send</source>
        <translation>
            <numerusform>● 在线 · %n 条待发送</numerusform></translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message numerus="yes">
        <source>● Offline · %n saved, will be sent</source>
        <translation>
            <numerusform>● 离线 · 已保存 %n 条，联网后发送</numerusform></translation>
    </message>
</context>
</TS>