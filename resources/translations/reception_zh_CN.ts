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
    <name>Device</name>
    <message>
        <source>The printer is not available right now.</source>
        <translation>打印机暂时无法使用。</translation>
    </message>
    <message>
        <source>The printer is out of paper.</source>
        <translation>打印机缺纸。</translation>
    </message>
    <message>
        <source>The printer cover is open.</source>
        <translation>打印机盖未关好。</translation>
    </message>
    <message>
        <source>The printer is running low on paper.</source>
        <translation>打印纸即将用完。</translation>
    </message>
    <message>
        <source>The printer may not be able to print right now.</source>
        <translation>打印机现在可能无法打印。</translation>
    </message>
    <message>
        <source>The ID card reader is not available. Please ask staff for help.</source>
        <translation>身份证阅读器暂时无法使用，请联系工作人员。</translation>
    </message>
    <message>
        <source>Please place your ID card flat on the reader and keep it still.</source>
        <translation>请将身份证平放在阅读器上，不要移动。</translation>
    </message>
    <message>
        <source>The card reader is not available. Please ask staff for help.</source>
        <translation>读卡器暂时无法使用，请联系工作人员。</translation>
    </message>
    <message>
        <source>Please place your card on the reader.</source>
        <translation>请将卡片放在读卡器上。</translation>
    </message>
    <message>
        <source>The card was taken away too early. Please place it on the reader again and keep it there.</source>
        <translation>卡片拿开得太早了，请重新放好，稍候再拿开。</translation>
    </message>
    <message>
        <source>The card reader is busy. Please try again.</source>
        <translation>读卡器正忙，请稍后再试。</translation>
    </message>
    <message>
        <source>This card cannot be read here. Please ask staff for help.</source>
        <translation>此卡无法在这里读取，请联系工作人员。</translation>
    </message>
    <message>
        <source>No page found. Please lay the page flat, fully inside the frame.</source>
        <translation>没有找到材料，请将材料平放，完整放在取景框内。</translation>
    </message>
    <message>
        <source>The camera is not available right now. Please ask a staff member for help.</source>
        <translation>摄像头暂时无法使用，请联系工作人员。</translation>
    </message>
    <message>
        <source>The camera picture was interrupted. Please wait a moment.</source>
        <translation>摄像头画面中断，请稍候。</translation>
    </message>
    <message>
        <source>Photo checks are not available right now.</source>
        <extracomment>Output size of an ID photo: 358x441 px (26x32 mm at 350 dpi, head and shoulders). Share of the photo's width taken by the detected face box. Height of the face box's centre from the top, as a share of the photo's height.</extracomment>
        <translation>照片检测暂时无法使用。</translation>
    </message>
    <message>
        <source>No face found. Please look straight at the camera.</source>
        <translation>没有检测到人脸，请正对摄像头。</translation>
    </message>
    <message>
        <source>More than one face is in the picture. Please stand alone in front of the camera.</source>
        <translation>画面中不止一张人脸，请一个人站在摄像头前。</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This kiosk is temporarily out of service</source>
        <translation>本机暂停服务</translation>
    </message>
    <message>
        <source>Please ask at a service window. We are sorry for the wait.</source>
        <translation>请到服务窗口办理，给您带来不便，敬请谅解。</translation>
    </message>
</context>
<context>
    <name>PinGate</name>
    <message>
        <source>No technician PIN is configured.</source>
        <translation>未设置技术人员密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>密码错误，还可以尝试 %n 次。</numerusform></translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in %1.</source>
        <translation>密码错误次数过多，请 %1 后再试。</translation>
    </message>
    <message>
        <source>Technician PIN</source>
        <translation>技术人员密码</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
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
            <numerusform>● %n 条记录需要技术人员处理</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● Online · %n waiting to send</source>
        <translation>
            <numerusform>● 在线 · %n 条待发送</numerusform>
        </translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message numerus="yes">
        <source>● Offline · %n saved, will be sent</source>
        <translation>
            <numerusform>● 离线 · 已保存 %n 条，联网后发送</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TechnicianPanel</name>
    <message>
        <source>Technician panel</source>
        <translation>技术维护面板</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>凭条打印机</translation>
    </message>
    <message>
        <source>ID card reader</source>
        <translation>身份证阅读器</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Address, e.g. 10.0.0.9:9100</source>
        <translation>地址，例如 10.0.0.9:9100</translation>
    </message>
    <message>
        <source>Serial port or reader</source>
        <translation>串口或读卡器名称</translation>
    </message>
    <message>
        <source>Index or path</source>
        <translation>设备序号或路径</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>测试打印</translation>
    </message>
    <message>
        <source>Test card read</source>
        <translation>测试读卡</translation>
    </message>
    <message>
        <source>Discover devices</source>
        <translation>查找设备</translation>
    </message>
    <message>
        <source>Save configuration</source>
        <translation>保存配置</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
    <message>
        <source>Not configured</source>
        <translation>未配置</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>部分可用</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Printing a test receipt…</source>
        <translation>正在打印测试凭条…</translation>
    </message>
    <message>
        <source>Printed receipt %1.</source>
        <translation>已打印凭条 %1。</translation>
    </message>
    <message>
        <source>Not printed: %1
%2</source>
        <translation>未打印：%1
%2</translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation>正在读卡…</translation>
    </message>
    <message>
        <source>Card read: %1, %2
%3</source>
        <translation>读卡成功：%1，%2
%3</translation>
    </message>
    <message>
        <source>Card reader problem: %1</source>
        <translation>读卡器故障：%1</translation>
    </message>
    <message>
        <source>No card on the reader.</source>
        <translation>读卡器上没有卡片。</translation>
    </message>
    <message>
        <source>Stop preview</source>
        <translation>停止预览</translation>
    </message>
    <message>
        <source>Looking for devices…</source>
        <translation>正在查找设备…</translation>
    </message>
    <message>
        <source>Found:</source>
        <translation>找到：</translation>
    </message>
    <message>
        <source>Discovery failed: %1</source>
        <translation>查找失败：%1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved to %1. Restart the app to use the new devices.</source>
        <translation>已保存到 %1。重启程序后使用新设备。</translation>
    </message>
</context>
</TS>