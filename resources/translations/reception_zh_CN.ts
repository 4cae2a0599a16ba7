<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AcceptanceReceipt</name>
    <message>
        <source>Acceptance receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <source>Handled on the spot</source>
        <translation>当场办结</translation>
    </message>
    <message>
        <source>One-time notice of missing materials</source>
        <translation>一次性告知书（补齐材料）</translation>
    </message>
    <message>
        <source>Notice of non-acceptance</source>
        <translation>不予受理通知书</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <source>Check code</source>
        <translation>查询码</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Done by</source>
        <translation>承诺办结</translation>
    </message>
    <message>
        <source>(estimated)</source>
        <translation>（预计）</translation>
    </message>
    <message>
        <source>Scan the code to check the progress.</source>
        <translation>扫码查询办理进度。</translation>
    </message>
    <message>
        <source>Please keep this slip.</source>
        <translation>请妥善保管本凭条。</translation>
    </message>
    <message>
        <source>Please bring these materials, all of them, next time:</source>
        <translation>请下次一并带齐以下材料：</translation>
    </message>
    <message>
        <source>Your application was not accepted because:</source>
        <translation>您的申请不予受理，原因是：</translation>
    </message>
    <message>
        <source>Accepted now; please supply these later:</source>
        <translation>已容缺受理，请在以后补交：</translation>
    </message>
</context>
<context>
    <name>AcceptanceWorkbench</name>
    <message>
        <source>This is not a receipt code or tracking number.</source>
        <translation>这不是回执码或受理编号。</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>正在查询 %1…</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>To supply later</source>
        <translation>容缺后补</translation>
    </message>
    <message>
        <source>Done by %1 (%2 working days)</source>
        <translation>%1 前办结（%2 个工作日）</translation>
    </message>
    <message>
        <source>%1 page(s) scanned</source>
        <translation>已扫描 %1 页</translation>
    </message>
    <message>
        <source>Choose the matter first.</source>
        <translation>请先选择事项。</translation>
    </message>
    <message>
        <source>Identify the applicant (ID card or ID number).</source>
        <translation>请确认申请人身份（读身份证或输入身份证号）。</translation>
    </message>
    <message>
        <source>The form or the applicant has gaps: see steps 2 and 3.</source>
        <translation>表格或申请人信息不完整：请看第2、3步。</translation>
    </message>
    <message>
        <source>Materials are missing: give the one-time notice, or mark them “Supply later”.</source>
        <translation>材料不齐：请出具一次性告知书，或标记为“容缺后补”。</translation>
    </message>
    <message>
        <source>No material is marked missing.</source>
        <translation>没有标记缺少的材料。</translation>
    </message>
    <message>
        <source>On the spot means complete: nothing may be supplied later.</source>
        <translation>当场办结须材料齐全，不能容缺后补。</translation>
    </message>
    <message>
        <source>Choose or type the reason.</source>
        <translation>请选择或填写原因。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Recorded %1. The slip is printing.</source>
        <translation>已登记 %1，正在打印凭条。</translation>
    </message>
    <message>
        <source>Not saved, nothing was recorded: %1</source>
        <translation>未保存，未登记任何内容：%1</translation>
    </message>
    <message>
        <source>Reprinting %1.</source>
        <translation>正在补打 %1。</translation>
    </message>
    <message>
        <source>Hold the receipt&apos;s QR code under the camera…</source>
        <translation>请将回执二维码放在摄像头下…</translation>
    </message>
    <message>
        <source>The platform cannot be reached, so the kiosk application %1 cannot be opened. Take it again by hand.</source>
        <translation>连不上平台，无法打开自助机申请 %1，请手工重新受理。</translation>
    </message>
    <message>
        <source>No kiosk application %1 was found.</source>
        <translation>没有找到自助机申请 %1。</translation>
    </message>
    <message>
        <source>The matter %1 is not in this terminal&apos;s catalog.</source>
        <translation>本终端的事项目录中没有事项 %1。</translation>
    </message>
    <message>
        <source>Kiosk application %1 opened: check the form, then the materials.</source>
        <translation>已打开自助机申请 %1：请核对表格，再核对材料。</translation>
    </message>
    <message>
        <source>At the kiosk: %1.</source>
        <translation>自助机上：%1。</translation>
    </message>
    <message>
        <source>Ticket %1</source>
        <translation>号码 %1</translation>
    </message>
    <message>
        <source>No ticket</source>
        <translation>无号码</translation>
    </message>
    <message>
        <source>1 Matter</source>
        <translation>1 事项</translation>
    </message>
    <message>
        <source>2 Applicant</source>
        <translation>2 申请人</translation>
    </message>
    <message>
        <source>3 Form</source>
        <translation>3 表格</translation>
    </message>
    <message>
        <source>4 Materials</source>
        <translation>4 材料</translation>
    </message>
    <message>
        <source>5 Documents</source>
        <translation>5 拍摄材料</translation>
    </message>
    <message>
        <source>6 Outcome</source>
        <translation>6 办理结果</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Scan or type a kiosk receipt&apos;s tracking number</source>
        <translation>扫描或输入自助机回执的受理编号</translation>
    </message>
    <message>
        <source>QR by camera</source>
        <translation>摄像头扫码</translation>
    </message>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>新建 (Ctrl+N)</translation>
    </message>
    <message>
        <source>‹ Back (%1)</source>
        <translation>‹ 返回 (%1)</translation>
    </message>
    <message>
        <source>Next › (%1)</source>
        <translation>下一步 › (%1)</translation>
    </message>
</context>
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
    <message>
        <source>Voice guidance</source>
        <translation>语音引导</translation>
    </message>
    <message>
        <source>On</source>
        <translation>已开启</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>已关闭</translation>
    </message>
</context>
<context>
    <name>ApplicantStep</name>
    <message>
        <source>Reading the card…</source>
        <extracomment>documents whose issuing country the applicant step asks for the clerk read a passport&apos;s chip: a card the reader finds on its own (polled) no longer replaces that applicant; Ctrl+I still reads one</extracomment>
        <translation>正在读卡…</translation>
    </message>
    <message>
        <source>Lay the passport open at the photo page under the camera: its MRZ is read, then the chip.</source>
        <translation>请将护照翻到照片页放在摄像头下：先识读机读区（MRZ），再读取芯片。</translation>
    </message>
    <message>
        <source>The camera is not working: type the passport number and the dates from the photo page, then read the chip.</source>
        <translation>摄像头无法使用：请按照片页输入护照号码和日期，再读取芯片。</translation>
    </message>
    <message>
        <source>Type the passport number, the date of birth and the date of expiry (YYMMDD) as on the photo page.</source>
        <translation>请按资料页输入护照号码、出生日期和有效期截止日期（年月日6位）。</translation>
    </message>
    <message>
        <source>Reading the passport chip…</source>
        <translation>正在读取护照芯片…</translation>
    </message>
    <message>
        <source>Read from the card: %1</source>
        <translation>已从证件读取：%1</translation>
    </message>
    <message>
        <source>Chip read. Passive authentication passed: the data is signed by %1, issued by a configured country signing CA.</source>
        <translation>芯片已读取。被动认证通过：数据由 %1 签名，其证书由已配置的国家签名根证书（CSCA）签发。</translation>
    </message>
    <message>
        <source>Chip read. The data is signed by %1, but no CSCA list is configured, so that signer is not checked against a country key.</source>
        <translation>芯片已读取。数据由 %1 签名，但未配置国家签名根证书（CSCA）列表，该签名者未经国家根证书验证。</translation>
    </message>
    <message>
        <source>Passive authentication FAILED: the chip&apos;s data cannot be trusted. Check the passport by hand. (%1)</source>
        <translation>被动认证失败：芯片数据不可信，请人工核验护照。（%1）</translation>
    </message>
    <message>
        <source>Read from the passport chip: %1</source>
        <translation>已从护照芯片读取：%1</translation>
    </message>
    <message>
        <source>This document expired on %1: it cannot be accepted. Ask for a valid document.</source>
        <translation>此证件已于 %1 过期，不能受理。请申请人出示有效证件。</translation>
    </message>
    <message>
        <source>No passport on the reader: lay the photo page on it.</source>
        <translation>阅读器上没有护照：请将资料页平放在阅读器上。</translation>
    </message>
    <message>
        <source>No card on the reader. Place it flat, or type the number.</source>
        <translation>读卡器上没有身份证，请平放，或输入号码。</translation>
    </message>
    <message>
        <source>Read the ID card, or type the ID number.</source>
        <translation>请读取身份证，或输入身份证号码。</translation>
    </message>
    <message>
        <source>This ID number is not valid: check each digit (the last one is a check digit).</source>
        <translation>身份证号码无效：请逐位核对（最后一位是校验码）。</translation>
    </message>
    <message>
        <source>This number is not valid for the document chosen: check the document and each character.</source>
        <translation>该号码不符合所选证件的规则：请核对证件类型和每个字符。</translation>
    </message>
    <message>
        <source>Type the issuing country as the passport&apos;s MRZ writes it (3 letters, for example CHN or D&lt;&lt;).</source>
        <translation>请按护照机读区填写签发国家（3 个字母，例如 CHN 或 D&lt;&lt;）。</translation>
    </message>
    <message>
        <source>2. Who is applying?</source>
        <translation>2. 申请人是谁？</translation>
    </message>
    <message>
        <source>Read ID card (Ctrl+I)</source>
        <translation>读身份证 (Ctrl+I)</translation>
    </message>
    <message>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Hong Kong/Macao/Taiwan residence permit</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <source>Foreigner&apos;s permanent residence card (2017)</source>
        <translation>外国人永久居留身份证（2017版）</translation>
    </message>
    <message>
        <source>Foreigner&apos;s permanent residence card (2023)</source>
        <translation>外国人永久居留身份证（2023版）</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>Issuing country</source>
        <translation>签发国家</translation>
    </message>
    <message>
        <source>Born (YYMMDD)</source>
        <translation>出生（年月日6位）</translation>
    </message>
    <message>
        <source>Expires (YYMMDD)</source>
        <translation>有效期至（年月日6位）</translation>
    </message>
    <message>
        <source>Read passport chip (Ctrl+P)</source>
        <translation>读取护照芯片（Ctrl+P）</translation>
    </message>
    <message>
        <source>Read MRZ by camera</source>
        <translation>摄像头识读机读区</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>证件</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Passport chip</source>
        <translation>护照芯片</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>No card reader: type the ID number.</source>
        <translation>没有读卡器：请输入身份证号码。</translation>
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
    <name>BookConfirmScreen</name>
    <message>
        <source>Check your appointment</source>
        <translation>核对预约</translation>
    </message>
    <message>
        <source>Is this right? Then touch “Confirm”.</source>
        <translation>信息对吗？对的话请点“确认”。</translation>
    </message>
    <message>
        <source>‹ Change</source>
        <translation>‹ 修改</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Offline: this time may already be taken. If so, the office will contact you.</source>
        <translation>离线：这个时间可能已被约满，如有变化会联系您。</translation>
    </message>
    <message>
        <source>Saving your appointment… please wait.</source>
        <translation>正在保存您的预约，请稍候…</translation>
    </message>
    <message>
        <source>Sorry, this time has just been taken. Please touch “Change” and choose another.</source>
        <translation>抱歉，这个时间刚刚约满了，请点“修改”另选时间。</translation>
    </message>
    <message>
        <source>Your appointment could not be saved. Please try again, or ask at the front desk.</source>
        <translation>您的预约未能保存，请重试，或到服务台询问。</translation>
    </message>
</context>
<context>
    <name>BookScreen</name>
    <message>
        <source>Book an appointment</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Which service is the appointment for?</source>
        <translation>预约办理哪项业务？</translation>
    </message>
    <message>
        <source>I have an appointment today: check in ›</source>
        <translation>我今天有预约：签到 ›</translation>
    </message>
    <message>
        <source>1. Choose a day:</source>
        <translation>1. 选择日期：</translation>
    </message>
    <message>
        <source>2. Choose a time:</source>
        <translation>2. 选择时间：</translation>
    </message>
    <message>
        <source>‹ Other services</source>
        <translation>‹ 其他业务</translation>
    </message>
    <message>
        <source>Show your ID card to find your appointment.</source>
        <translation>请出示身份证，查找您的预约。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <source>Booking needs the connection to the office, which is down right now. Please try again later, or ask at the front desk.</source>
        <translation>预约需要联网，现在网络中断，请稍后再试，或到服务台询问。</translation>
    </message>
    <message>
        <source>Offline: these times were saved earlier; availability may have changed.</source>
        <translation>离线：以下时间是之前保存的，余量可能已变化。</translation>
    </message>
    <message>
        <source>No times are left on this day. Please choose another day.</source>
        <translation>这一天已约满，请选择其他日期。</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>余 %1</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>已满</translation>
    </message>
    <message>
        <source>Your appointment is made in your name.</source>
        <translation>预约将以您的名义办理。</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>New Year&apos;s Day</source>
        <translation>元旦</translation>
    </message>
    <message>
        <source>Spring Festival</source>
        <translation>春节</translation>
    </message>
    <message>
        <source>Tomb-sweeping Day</source>
        <translation>清明节</translation>
    </message>
    <message>
        <source>Labour Day</source>
        <translation>劳动节</translation>
    </message>
    <message>
        <source>Dragon Boat Festival</source>
        <translation>端午节</translation>
    </message>
    <message>
        <source>Mid-autumn Festival</source>
        <translation>中秋节</translation>
    </message>
    <message>
        <source>National Day</source>
        <translation>国庆节</translation>
    </message>
    <message>
        <source>Victory Day (70th anniversary)</source>
        <translation>抗战胜利70周年纪念日</translation>
    </message>
    <message>
        <source>worked weekend day</source>
        <translation>调休上班日</translation>
    </message>
    <message>
        <source>holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>No calendar of this year yet: only weekends are days off until one is published.</source>
        <translation>本年度尚无日历：发布之前仅按周末休息计算。</translation>
    </message>
    <message>
        <source>The city&apos;s calendar, from chinesecalendar.</source>
        <translation>全市日历（来自 chinesecalendar）。</translation>
    </message>
    <message>
        <source>This center&apos;s own calendar, published by %1.</source>
        <translation>本中心自有日历，由 %1 发布。</translation>
    </message>
    <message>
        <source>The city&apos;s calendar.</source>
        <translation>全市日历。</translation>
    </message>
    <message>
        <source>The day is not in %1.</source>
        <translation>该日期不在 %1 年内。</translation>
    </message>
    <message>
        <source>A holiday is a weekday and a worked day is a weekend day; other days need no entry.</source>
        <translation>节假日须为工作日、调休上班日须为周末；其他日期无需登记。</translation>
    </message>
    <message>
        <source>Not published yet: press Publish when the year is complete.</source>
        <translation>尚未发布：全年录入完成后请按“发布”。</translation>
    </message>
    <message>
        <source>Published. Every terminal of this center counts deadlines on it from its next refresh.</source>
        <translation>已发布。本中心各终端下次刷新后即按此计算办结时限。</translation>
    </message>
    <message>
        <source>Working-day calendar</source>
        <translation>工作日日历</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>e.g. Spring Festival</source>
        <translation>如：春节</translation>
    </message>
    <message>
        <source>Add or change</source>
        <translation>添加或修改</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
</context>
<context>
    <name>CallStaffButton</name>
    <message>
        <source>Start screen</source>
        <extracomment>Seconds after a call during which another tap records nothing. How long the answer stays on screen. The name of the attract screen (no title of its own) in a help request. Where the resident is: the screen&apos;s name and its title as they see it.</extracomment>
        <translation>开始页面</translation>
    </message>
    <message>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <source>Sorry, the call did not go through. Please ask at any service window.</source>
        <translation>抱歉，呼叫没有成功。请到任意服务窗口找工作人员帮忙。</translation>
    </message>
    <message>
        <source>Staff have been called. Please wait here; someone will come to you.</source>
        <translation>已呼叫工作人员，请在此稍候，工作人员马上过来。</translation>
    </message>
</context>
<context>
    <name>CaseDesk</name>
    <message>
        <source>Offline: the list is as of %1; steps are saved here and sent when the platform is back.</source>
        <extracomment>A deadline this many working days away or fewer is &quot;due soon&quot;. The matter code the platform gives repair requests. Steps recorded here and not yet seen in the platform&apos;s list: number -&gt; state.</extracomment>
        <translation>离线：列表为 %1 时的数据；操作已保存在本机，平台恢复后发送。</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>The platform has no case %1 (yet).</source>
        <translation>平台上（暂）无案件 %1。</translation>
    </message>
    <message>
        <source>All %1 materials owed</source>
        <translation>所欠 %1 项材料全部</translation>
    </message>
    <message>
        <source>%1 cases: %2 overdue, %3 due within %4 working days.</source>
        <translation>共 %1 个案件：%2 项逾期，%3 项 %4 个工作日内到期。</translation>
    </message>
    <message>
        <source>Handler to dispatch to, or a note</source>
        <translation>派单对象（部门或人员）或处理进展</translation>
    </message>
    <message>
        <source>Type the handler&apos;s name, or the note, first.</source>
        <translation>请先填写派单对象或处理进展。</translation>
    </message>
    <message>
        <source>Completed %1; the completion notice is printing.</source>
        <translation>%1 已办结，正在打印办结通知书。</translation>
    </message>
    <message>
        <source>Recorded for %1.</source>
        <translation>%1 已记录。</translation>
    </message>
    <message>
        <source>Not saved, nothing was recorded: %1</source>
        <translation>未保存，未登记任何内容：%1</translation>
    </message>
    <message>
        <source>Property repair</source>
        <translation>物业报修</translation>
    </message>
    <message>
        <source>Waiting for pre-check</source>
        <translation>待预审</translation>
    </message>
    <message>
        <source>Materials missing</source>
        <translation>材料不齐</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Accepted, materials to follow</source>
        <translation>容缺受理（待补材料）</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>已领取</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已派单</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>已报修</translation>
    </message>
    <message>
        <source>(not yet delivered)</source>
        <translation>（尚未送达平台）</translation>
    </message>
    <message>
        <source>(estimated)</source>
        <translation>（预计）</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>One-time notice of missing materials</source>
        <translation>一次性告知书（补齐材料）</translation>
    </message>
    <message>
        <source>Handled on the spot</source>
        <translation>当场办结</translation>
    </message>
    <message>
        <source>Materials supplied</source>
        <translation>已补交材料</translation>
    </message>
    <message>
        <source>Work started</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <source>Rated</source>
        <translation>已评价</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>处理进展</translation>
    </message>
    <message>
        <source>(pre-check)</source>
        <translation>（预审）</translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation>%1 分（满分 5）</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>派给 %1</translation>
    </message>
    <message>
        <source>window %1</source>
        <translation>%1 号窗口</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Tracking number from the slip</source>
        <translation>回执上的受理编号</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>承诺期限</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <source>Decide at the workbench</source>
        <translation>转到受理台审核</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <source>What was issued, or the reason</source>
        <translation>办理结果说明或不予批准理由</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>逾期 %1 个工作日</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1 个工作日</translation>
    </message>
    <message>
        <source>Material supplied</source>
        <translation>已补交</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <source>Add the note</source>
        <translation>记录进展</translation>
    </message>
    <message>
        <source>Close the repair</source>
        <translation>报修办结</translation>
    </message>
    <message>
        <source>Complete and print the notice</source>
        <translation>办结并打印通知书</translation>
    </message>
</context>
<context>
    <name>CatalogScreen</name>
    <message>
        <source>Apply for a service</source>
        <translation>自助申办</translation>
    </message>
    <message>
        <source>Search: name or pinyin initials, e.g. dbsq</source>
        <translation>搜索：事项名称或拼音首字母，如 dbsq</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>One moment, the list of services is loading…</source>
        <translation>请稍候，正在加载事项列表…</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Nothing found. Try other words, or browse below after clearing the search.</source>
        <translation>没有找到。请换个词，或清除搜索后在下方浏览。</translation>
    </message>
    <message>
        <source>Touch a service to see what you need.</source>
        <translation>点击事项，查看需要准备什么。</translation>
    </message>
    <message>
        <source>(at a window only)</source>
        <translation>（仅限窗口办理）</translation>
    </message>
    <message>
        <source>Which office is it for?</source>
        <translation>要办哪个部门的事？</translation>
    </message>
    <message>
        <source>Touch an office, or search above.</source>
        <translation>请点击部门，或在上方搜索。</translation>
    </message>
    <message>
        <source>‹ All offices</source>
        <translation>‹ 全部部门</translation>
    </message>
    <message>
        <source>What is it about?</source>
        <translation>要办什么事？</translation>
    </message>
    <message>
        <source>‹ Other topics</source>
        <translation>‹ 其他类别</translation>
    </message>
</context>
<context>
    <name>CheckInScreen</name>
    <message>
        <source>Please show your ID card first, so we can find your appointment.</source>
        <translation>请先出示身份证，以便查找您的预约。</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Your appointments today: touch one to check in.</source>
        <translation>您今天的预约：点击一项签到。</translation>
    </message>
    <message>
        <source>Show my ID card</source>
        <translation>出示身份证</translation>
    </message>
    <message>
        <source>Take a normal number instead</source>
        <translation>改为普通取号</translation>
    </message>
    <message>
        <source>Show your ID card to find your appointment.</source>
        <translation>请出示身份证，查找您的预约。</translation>
    </message>
    <message>
        <source>One moment, looking for your appointment…</source>
        <translation>请稍候，正在查找您的预约…</translation>
    </message>
    <message>
        <source>We cannot reach the office right now, and this machine has no appointment for you today. Please ask at the front desk.</source>
        <translation>暂时连不上系统，本机也没有您今天的预约，请到服务台询问。</translation>
    </message>
    <message>
        <source>We found no appointment for today with this ID card.</source>
        <translation>没有找到此身份证今天的预约。</translation>
    </message>
    <message>
        <source>Offline: only appointments made at this machine are shown.</source>
        <translation>离线：只显示在本机办理的预约。</translation>
    </message>
    <message>
        <source>One moment, checking you in…</source>
        <translation>请稍候，正在为您签到…</translation>
    </message>
</context>
<context>
    <name>ChineseFontCheck</name>
    <message>
        <source>Chinese text: printed as images until a test slip confirms the printer&apos;s own Chinese font (GB18030).</source>
        <translation>中文：在测试回执确认打印机自带中文字库（GB18030）之前，以图像方式打印。</translation>
    </message>
    <message>
        <source>Chinese text: the printer&apos;s own font (GB18030).</source>
        <translation>中文：使用打印机自带字库（GB18030）。</translation>
    </message>
    <message>
        <source>Chinese text: printed as images.</source>
        <translation>中文：以图像方式打印。</translation>
    </message>
    <message>
        <source>Are the Chinese lines on the test slip clear Chinese characters (not symbols or gibberish)?</source>
        <translation>测试回执上的中文是否为清晰的汉字（而不是符号或乱码）？</translation>
    </message>
    <message>
        <source>Yes: use the printer&apos;s font</source>
        <translation>是：使用打印机字库</translation>
    </message>
    <message>
        <source>No: keep images</source>
        <translation>否：继续用图像打印</translation>
    </message>
</context>
<context>
    <name>CompletionNotice</name>
    <message>
        <source>Approved</source>
        <translation>准予办理</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>不予批准</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <source>Check code</source>
        <translation>查询码</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Please collect the result at any window with this notice and your ID card.</source>
        <translation>请凭本通知书和身份证到任一窗口领取办理结果。</translation>
    </message>
    <message>
        <source>You may ask at any window how to apply for a review of this decision.</source>
        <translation>如对本决定有异议，可到任一窗口咨询复议途径。</translation>
    </message>
    <message>
        <source>Completion notice</source>
        <translation>办结通知书</translation>
    </message>
    <message>
        <source>Please keep this notice.</source>
        <translation>请妥善保管本通知书。</translation>
    </message>
</context>
<context>
    <name>CounterComposition</name>
    <message>
        <source>No input: signing out in %1 s.</source>
        <extracomment>The signed-in manager&apos;s requests (None: no manager signed in online). The watcher runs for the manager&apos;s staff page (not for signing in).</extracomment>
        <translation>长时间无操作：%1 秒后退出登录。</translation>
    </message>
    <message>
        <source>Could not save the record: %1</source>
        <translation>记录未能保存：%1</translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation>已登录：%1。</translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation>已退出登录。</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <source>Window terminal</source>
        <translation>窗口终端</translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation>%1 号窗口</translation>
    </message>
    <message>
        <source>Clerk: %1</source>
        <translation>工作人员：%1</translation>
    </message>
    <message>
        <source>Figures (%1)</source>
        <translation>统计 (%1)</translation>
    </message>
    <message>
        <source>Cases (%1)</source>
        <translation>案件 (%1)</translation>
    </message>
    <message>
        <source>Manage (%1)</source>
        <translation>管理 (%1)</translation>
    </message>
    <message>
        <source>Sign out (%1)</source>
        <translation>退出 (%1)</translation>
    </message>
</context>
<context>
    <name>DeadLetterList</name>
    <message>
        <source>Records that need a technician</source>
        <translation>需要技术人员处理的记录</translation>
    </message>
    <message>
        <source>Could not read them: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>None: every record is delivered or waiting to be sent.</source>
        <translation>没有：所有记录均已上传或正在等待上传。</translation>
    </message>
    <message numerus="yes">
        <source>%n damaged on this terminal</source>
        <translation>
            <numerusform>本机损坏 %n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused by the platform</source>
        <translation>
            <numerusform>平台拒收 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>damaged here</source>
        <translation>本机损坏</translation>
    </message>
    <message>
        <source>refused by the platform</source>
        <translation>平台拒收</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more: `reception-sync dead` lists them all</source>
        <translation>
            <numerusform>…另有 %n 条：`reception-sync dead` 可列出全部</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoButtons</name>
    <message>
        <source>Demo: place the ID card</source>
        <translation>演示：放上身份证</translation>
    </message>
    <message>
        <source>Demo: show a receipt&apos;s QR code</source>
        <translation>演示：出示回执二维码</translation>
    </message>
    <message>
        <source>Demo: show the passport</source>
        <translation>演示：出示护照</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <source>Nobody is waiting.</source>
        <extracomment>Between queue reads while the platform&apos;s event stream pushes the state (its `state` events come when counts or calls change; the reads keep waits ageing).</extracomment>
        <translation>没有人在等候。</translation>
    </message>
    <message>
        <source>Called %1.</source>
        <translation>已呼叫 %1。</translation>
    </message>
    <message>
        <source>window %1</source>
        <translation>%1 号窗口</translation>
    </message>
    <message>
        <source>%1 transferred to %2.</source>
        <translation>%1 已转至 %2。</translation>
    </message>
    <message>
        <source>Walk-in %1 is being served.</source>
        <translation>正在为现场人员 %1 办理。</translation>
    </message>
    <message>
        <source>Offline walk-in: it gets its number when the link returns.</source>
        <translation>离线现场办理：联网后分配号码。</translation>
    </message>
    <message>
        <source>%1 is not a ticket number of this window.</source>
        <translation>%1 不是本窗口的号码。</translation>
    </message>
    <message>
        <source>Serving %1 offline.</source>
        <translation>离线办理 %1。</translation>
    </message>
    <message>
        <source>The platform cannot be reached. Serve the numbers residents show, or issue a walk-in.</source>
        <translation>连不上平台。请按群众出示的号码办理，或现场办理。</translation>
    </message>
    <message>
        <source>The platform is busy or has a fault right now. Serve the numbers residents show, or try again in a minute.</source>
        <translation>平台繁忙或出现故障。请先为居民出示的号码办理，或一分钟后再试。</translation>
    </message>
    <message>
        <source>The platform refused: %1</source>
        <translation>平台拒绝：%1</translation>
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
        <extracomment>Output size of an ID photo: 358x441 px (26x32 mm at 350 dpi, head and shoulders). Share of the photo&apos;s width taken by the detected face box. Height of the face box&apos;s centre from the top, as a share of the photo&apos;s height.</extracomment>
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
    <message>
        <source>This card cannot be used here. Please ask staff for help.</source>
        <translation>此卡无法在这里使用，请向工作人员求助。</translation>
    </message>
    <message>
        <source>This document has no readable chip. Please ask staff for help.</source>
        <translation>此证件没有可读取的芯片，请向工作人员求助。</translation>
    </message>
    <message>
        <source>The passport chip did not accept the document number and dates. Please check them and try again.</source>
        <translation>护照芯片未接受所输入的证件号码和日期，请核对后重试。</translation>
    </message>
    <message>
        <source>The passport chip could not be read. Please place it on the reader again.</source>
        <translation>无法读取护照芯片，请将护照重新放到阅读器上。</translation>
    </message>
    <message>
        <source>Please look at the camera.</source>
        <translation>请正视摄像头。</translation>
    </message>
    <message>
        <source>Thank you, your face matches your document.</source>
        <translation>谢谢，您的面部与证件照片一致。</translation>
    </message>
    <message>
        <source>Your face could not be matched with your document. Please go to a window.</source>
        <translation>您的面部与证件照片未能比对一致，请到窗口办理。</translation>
    </message>
    <message>
        <source>Your document&apos;s photo cannot be compared here. Please go to a window.</source>
        <translation>您的证件照片无法在此比对，请到窗口办理。</translation>
    </message>
</context>
<context>
    <name>DigitKeypad</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>⌫ Delete</source>
        <translation>⌫ 删除</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Delete the last character</source>
        <translation>删除最后一个字符</translation>
    </message>
</context>
<context>
    <name>DocumentsStep</name>
    <message>
        <source>Checking the page…</source>
        <translation>正在检查材料…</translation>
    </message>
    <message>
        <source>The camera could not take the page: scan it again, or ask the technician to check the camera.</source>
        <translation>摄像头未能拍下这一页：请重新扫描，或请技术人员检查摄像头。</translation>
    </message>
    <message>
        <source>No page found. Lay it flat, fully in view.</source>
        <translation>没有找到材料，请平放并完整入镜。</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>%1 page(s) scanned.</source>
        <translation>已扫描 %1 页。</translation>
    </message>
    <message>
        <source>5. Scan the documents</source>
        <translation>5. 拍摄材料</translation>
    </message>
    <message>
        <source>Scan page (Ctrl+D)</source>
        <translation>拍摄一页 (Ctrl+D)</translation>
    </message>
    <message>
        <source>Remove page</source>
        <translation>删除此页</translation>
    </message>
    <message>
        <source>No camera: documents cannot be scanned here.</source>
        <translation>没有摄像头：本机无法拍摄材料。</translation>
    </message>
    <message>
        <source>Lay each page flat under the camera, then scan it.</source>
        <translation>请将每页材料平放在摄像头下，然后拍摄。</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>Printing your slip…</source>
        <translation>正在打印凭条…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Scan this code with your phone to check the progress.</source>
        <translation>用手机扫描此码，可查询办理进度。</translation>
    </message>
    <message>
        <source>The printer is not working. Your application is saved. Please take a photo of this slip.</source>
        <translation>打印机暂时无法使用。您的申请已保存，请用手机拍下这张凭条。</translation>
    </message>
    <message>
        <source>This kiosk has no printer. Your application is saved. Please take a photo of this slip.</source>
        <translation>本机没有打印机。您的申请已保存，请用手机拍下这张凭条。</translation>
    </message>
    <message>
        <source>Your repair request has reached the office.</source>
        <translation>您的报修已送达。</translation>
    </message>
    <message>
        <source>Your application has reached the office.</source>
        <translation>您的申请已送达。</translation>
    </message>
    <message>
        <source>Your repair request is saved.</source>
        <translation>您的报修已保存。</translation>
    </message>
    <message>
        <source>Your application is saved.</source>
        <translation>您的申请已保存。</translation>
    </message>
    <message>
        <source>Please take your slip from the printer.</source>
        <translation>请取走打印的凭条。</translation>
    </message>
    <message>
        <source>It was printed a moment before your repair request reached the office, so it says “Saved; will be sent”.</source>
        <translation>凭条打印时报修单还没有送达，所以上面写着“已保存，联网后上报”。</translation>
    </message>
    <message>
        <source>It was printed a moment before your application reached the office, so it says “Saved; will be sent”.</source>
        <translation>凭条打印时申请还没有送达，所以上面写着“已保存，联网后上报”。</translation>
    </message>
    <message>
        <source>One moment, the slip is shown on the screen…</source>
        <translation>请稍候，凭条将显示在屏幕上…</translation>
    </message>
</context>
<context>
    <name>FaceCheck</name>
    <message>
        <source>face matched the document photo</source>
        <translation>人像与证件照片比对一致</translation>
    </message>
    <message>
        <source>face did NOT match the document photo</source>
        <translation>人像与证件照片比对不一致</translation>
    </message>
    <message>
        <source>no face in front of the camera</source>
        <translation>摄像头前没有人脸</translation>
    </message>
    <message>
        <source>document photo could not be compared</source>
        <translation>证件照片无法比对</translation>
    </message>
    <message>
        <source>distance %1, threshold %2</source>
        <translation>距离 %1，阈值 %2</translation>
    </message>
</context>
<context>
    <name>FaceCompare</name>
    <message>
        <source>Comparing… ask the applicant to look at the camera.</source>
        <translation>正在比对……请申请人看向摄像头。</translation>
    </message>
    <message>
        <source>The camera is not working: compare the applicant with the chip photo by hand, and ask the technician to check the camera.</source>
        <translation>摄像头无法使用：请人工核对申请人与芯片照片，并请技术人员检查摄像头。</translation>
    </message>
    <message>
        <source>distance %1, threshold %2</source>
        <translation>距离 %1，阈值 %2</translation>
    </message>
    <message>
        <source>The face matches the chip photo (%1).</source>
        <translation>人像与芯片照片一致（%1）。</translation>
    </message>
    <message>
        <source>The face does NOT match the chip photo (%1): check the applicant and the passport by hand.</source>
        <translation>人像与芯片照片不一致（%1）：请人工核对申请人与护照。</translation>
    </message>
    <message>
        <source>No face in front of the camera: ask the applicant to look at it, then compare again.</source>
        <translation>摄像头前没有人脸：请申请人看向摄像头，然后再次比对。</translation>
    </message>
    <message>
        <source>The chip photo cannot be compared here: check the applicant by hand.</source>
        <translation>芯片照片无法在此比对：请人工核对申请人。</translation>
    </message>
    <message>
        <source>The camera also saw the passport&apos;s photo page: the photo printed on it may be the face that was compared. Take the passport away from the camera and compare again.</source>
        <translation>摄像头同时拍到了护照的照片页：比对的可能是页上印的照片。请把护照移出摄像头范围后重新比对。</translation>
    </message>
    <message>
        <source>Compare face with chip photo</source>
        <translation>人像与芯片照片比对</translation>
    </message>
</context>
<context>
    <name>FiguresView</name>
    <message>
        <source>Could not write the file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Exports go to %1</source>
        <translation>导出到 %1</translation>
    </message>
    <message>
        <source>Figures of %1</source>
        <translation>%1 的统计</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>From the platform; outcomes and ratings from this terminal&apos;s records.</source>
        <translation>数据来自平台；办理结果和评价来自本终端记录。</translation>
    </message>
    <message>
        <source>Offline: from this window&apos;s own records only.</source>
        <translation>离线：仅来自本窗口的记录。</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>已办理</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>过号</translation>
    </message>
    <message>
        <source>Avg wait (min)</source>
        <translation>平均等候（分钟）</translation>
    </message>
    <message>
        <source>Longest wait (min)</source>
        <translation>最长等候（分钟）</translation>
    </message>
    <message>
        <source>Avg handling (min)</source>
        <translation>平均办理（分钟）</translation>
    </message>
    <message>
        <source>This window</source>
        <translation>本窗口</translation>
    </message>
    <message>
        <source>Center</source>
        <translation>全中心</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>On the spot</source>
        <translation>当场办结</translation>
    </message>
    <message>
        <source>Missing materials</source>
        <translation>材料不齐</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Outcomes by matter</source>
        <translation>各事项办理结果</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>评价</translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <source>Very poor</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Very good</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>(estimated)</source>
        <translation>（预计）</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已回复</translation>
    </message>
    <message>
        <source>Overdue by %1 working days</source>
        <translation>已逾期 %1 个工作日</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <source>%1 working days left</source>
        <translation>还剩 %1 个工作日</translation>
    </message>
    <message>
        <source>Ticket %1 (%2)</source>
        <translation>排队号 %1（%2）</translation>
    </message>
    <message>
        <source>Choose a follow-up to read it and answer it.</source>
        <translation>请选择一条回访事项，查看详情并回复。</translation>
    </message>
    <message>
        <source>Rated %1 on %2 at window %3 (clerk %4).</source>
        <translation>评价：%1；时间：%2；窗口：%3（工作人员 %4）。</translation>
    </message>
    <message>
        <source>Reasons: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>Answered by %1: %2</source>
        <translation>%1 回复：%2</translation>
    </message>
    <message>
        <source>Follow-ups of poor ratings</source>
        <translation>差评回访</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Save the answer</source>
        <translation>保存回复</translation>
    </message>
    <message>
        <source>What was done: the resident called back, the cause, the change made…</source>
        <translation>处理情况：已回访群众、原因、整改措施……</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1 open, %2 overdue. The center manager answers each within %3 working days.</source>
        <translation>待回复 %1 条，其中逾期 %2 条。中心负责人须在 %3 个工作日内逐条回复。</translation>
    </message>
    <message>
        <source>Only the center manager signed in on this counter sees and answers follow-ups.</source>
        <translation>仅在本窗口登录的中心负责人可查看并回复差评回访。</translation>
    </message>
    <message>
        <source>The platform cannot be reached; the list is the last one shown. Try again later.</source>
        <translation>无法连接平台，列表为上次显示的内容，请稍后再试。</translation>
    </message>
    <message>
        <source>The platform refused the request; see the log.</source>
        <translation>平台拒绝了请求，请查看日志。</translation>
    </message>
    <message>
        <source>The answer was saved.</source>
        <translation>回复已保存。</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Answer by</source>
        <translation>回复期限</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Case or ticket</source>
        <translation>办件或排队号</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>工作人员</translation>
    </message>
</context>
<context>
    <name>FormFields</name>
    <message>
        <source>Please fill this in.</source>
        <translation>请填写此项。</translation>
    </message>
    <message>
        <source>This is too long. Please shorten it.</source>
        <translation>内容太长，请缩短。</translation>
    </message>
    <message>
        <source>This phone number looks wrong. A mobile number has 11 digits.</source>
        <translation>手机号码好像不对，手机号码是11位数字。</translation>
    </message>
    <message>
        <source>This ID number is not right. Please check each digit.</source>
        <extracomment>the number came from an identified document (a passport, a foreigner&apos;s card) whose own rules were checked where it was read: no GB 11643 rule here</extracomment>
        <translation>身份证号码不正确，请逐位核对。</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>已选择：%1</translation>
    </message>
    <message>
        <source>Use ▲ ▼ to choose the date.</source>
        <translation>请用 ▲ ▼ 选择日期。</translation>
    </message>
    <message>
        <source>Please choose the date with ▲ ▼.</source>
        <translation>请用 ▲ ▼ 选择日期。</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Please choose one.</source>
        <translation>请选择一项。</translation>
    </message>
    <message>
        <source>The picture could not be saved. Please try again.</source>
        <translation>照片未能保存，请重试。</translation>
    </message>
    <message>
        <source>The camera is not working, and this picture is needed. Please go to a window to finish this application.</source>
        <translation>摄像头无法使用，而此项需要照片。请到窗口继续办理。</translation>
    </message>
    <message>
        <source>Please take the picture first.</source>
        <translation>请先拍照。</translation>
    </message>
    <message>
        <source>The picture could not be taken. Please try again.</source>
        <translation>未能拍照，请重试。</translation>
    </message>
    <message>
        <source>Camera not available</source>
        <translation>摄像头不可用</translation>
    </message>
    <message>
        <source>The camera is not working. You can go on without this picture.</source>
        <translation>摄像头无法使用。您可以不拍此照片，继续办理。</translation>
    </message>
    <message>
        <source>Checking the picture…</source>
        <translation>正在检查照片…</translation>
    </message>
    <message>
        <source>Picture taken. Touch “Take again” if you want a new one.</source>
        <translation>已拍照。如需重拍，请点“重拍”。</translation>
    </message>
    <message>
        <source>Lay the page flat under the camera, then touch “Take picture”.</source>
        <translation>请将材料平放在摄像头下方，然后点“拍照”。</translation>
    </message>
    <message>
        <source>Hold up what you want to show in front of the camera, then touch “Take picture”.</source>
        <translation>把要拍的东西对准摄像头，然后点“拍照”。</translation>
    </message>
    <message>
        <source>Look straight at the camera, then touch “Take picture”.</source>
        <translation>请正对摄像头，然后点“拍照”。</translation>
    </message>
    <message>
        <source>Take picture</source>
        <translation>拍照</translation>
    </message>
    <message>
        <source>Take again</source>
        <translation>重拍</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <source> (optional: you may go on without a picture)</source>
        <translation>（可以不拍，直接进行下一步）</translation>
    </message>
    <message>
        <source> (optional)</source>
        <translation>（选填）</translation>
    </message>
    <message>
        <source>Fill in the form</source>
        <translation>填写表格</translation>
    </message>
    <message>
        <source>Read from your ID card.</source>
        <translation>从身份证读取。</translation>
    </message>
    <message>
        <source>As you entered it.</source>
        <translation>按您输入的内容。</translation>
    </message>
</context>
<context>
    <name>FormStep</name>
    <message>
        <source>3. The application form</source>
        <translation>3. 申请表</translation>
    </message>
</context>
<context>
    <name>HandwritingPad</name>
    <message>
        <source>Choose %1</source>
        <extracomment>how long a hidden pad keeps the recognizer open (shown again meanwhile: no reopening)</extracomment>
        <translation>选择 %1</translation>
    </message>
    <message>
        <source>Write one character here</source>
        <translation>在这里写一个字</translation>
    </message>
    <message>
        <source>Rewrite</source>
        <translation>重写</translation>
    </message>
    <message>
        <source>Clear the pad and write again</source>
        <translation>清空写字板，重新书写</translation>
    </message>
    <message>
        <source>⌫ Delete</source>
        <translation>⌫ 删除</translation>
    </message>
    <message>
        <source>Delete the last character</source>
        <translation>删除最后一个字符</translation>
    </message>
    <message>
        <source>Handwriting is not available on this kiosk.</source>
        <translation>本机暂不能使用手写输入。</translation>
    </message>
</context>
<context>
    <name>HelpAlerts</name>
    <message>
        <source>Answering…</source>
        <translation>正在应答…</translation>
    </message>
    <message>
        <source>I&apos;m coming</source>
        <translation>我马上过去</translation>
    </message>
    <message>
        <source>Sign in to answer</source>
        <translation>登录后才能应答</translation>
    </message>
    <message numerus="yes">
        <source>%n more kiosk(s) waiting</source>
        <translation>
            <numerusform>另有 %n 台自助机在等待</numerusform>
        </translation>
    </message>
    <message>
        <source>Kiosk %1: go to the resident; the hall display says staff are on the way.</source>
        <translation>自助机 %1：请前往居民处；大厅屏幕已显示工作人员正在赶来。</translation>
    </message>
    <message>
        <source>Kiosk %1: window %2 answered first.</source>
        <translation>自助机 %1：%2 号窗口已先应答。</translation>
    </message>
    <message>
        <source>the platform cannot be reached</source>
        <translation>无法连接平台</translation>
    </message>
    <message>
        <source>The call for help was not answered: %1. Go to the kiosk anyway.</source>
        <translation>未能应答求助：%1。请直接前往自助机。</translation>
    </message>
    <message>
        <source>Kiosk %1 needs help</source>
        <translation>自助机 %1 需要帮助</translation>
    </message>
    <message>
        <source>on &quot;%1&quot;</source>
        <translation>在“%1”页面</translation>
    </message>
    <message>
        <source>(in English)</source>
        <translation>（居民使用英文）</translation>
    </message>
    <message>
        <source>(in Chinese)</source>
        <translation>（居民使用中文）</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min ago</source>
        <translation>%1 小时 %2 分钟前</translation>
    </message>
</context>
<context>
    <name>HelpScreen</name>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>How can we help?</source>
        <translation>需要什么帮助？</translation>
    </message>
    <message>
        <source>What this machine does</source>
        <translation>本机能办什么</translation>
    </message>
    <message>
        <source>Here you can take a queue number, book an appointment or check in, apply for some services by yourself, report a repair, read community notices and see how an earlier application is going. It is open day and night. Touch the big buttons to choose. Where you need to write something, such as an address, a keyboard appears on the screen: for Chinese, type the pinyin, then touch the character you want, or touch “Handwriting” and write the characters with your finger.</source>
        <translation>在这里您可以取号、预约或签到、自助办理部分事项、报修、查看社区公告，以及查询以前申请的办理进度。本机全天开放。点大按钮即可选择。需要填写内容（例如地址）时，屏幕上会出现键盘：输入汉字可以打拼音，再点选您要的字；也可以点“手写”，用手指写字。</translation>
    </message>
    <message>
        <source>Easier to see and to hear</source>
        <translation>看得更清楚，听得到</translation>
    </message>
    <message>
        <source>The switches at the top of every screen help: “Large text” makes the writing bigger, “High contrast” shows light writing on a dark screen, and “Voice guidance” reads each screen aloud. A switch that is on is filled in and ticked; touch it again to turn it off. They turn off by themselves when you leave.</source>
        <translation>每个页面顶部都有开关：“大字模式”把字放大，“高对比度”用深色背景显示浅色文字，“语音引导”会朗读每个页面的内容。开启的开关会填满颜色并打勾，再点一次即可关闭。您离开后，这些开关会自动关闭。</translation>
    </message>
    <message>
        <source>Where the windows are</source>
        <translation>窗口在哪里</translation>
    </message>
    <message>
        <source>The service windows are the numbered counters in the hall. When your queue number is called, the screens in the hall show it together with the number of the window to go to.</source>
        <translation>服务窗口就是大厅里有编号的柜台。叫到您的号时，大厅屏幕会显示您的号码和要去的窗口号。</translation>
    </message>
    <message>
        <source>Asking a member of staff</source>
        <translation>询问工作人员</translation>
    </message>
    <message>
        <source>During opening hours, ask at any window or any member of staff in the hall: they are glad to help. Outside opening hours, call the community duty phone shown at the entrance.</source>
        <translation>办公时间内，可以到任意窗口或向大厅工作人员询问，我们乐意帮助您。非办公时间，请拨打入口处公布的社区值班电话。</translation>
    </message>
    <message>
        <source>Your personal details</source>
        <translation>您的个人信息</translation>
    </message>
    <message>
        <source>Your ID number and phone number are shown only partly. When you leave, or after a short time without a touch, this machine forgets everything you entered. Touch Home to start again at any time.</source>
        <translation>您的身份证号和手机号只显示部分。您离开后，或一段时间无人操作，本机会清除您输入的所有内容。随时点“首页”可以重新开始。</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation>返回首页</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>%1 today. ✓ sent to the platform, … waiting to be sent.</source>
        <translation>今天 %1 件。✓ 已上报平台，… 等待上报。</translation>
    </message>
    <message>
        <source>Today at this window</source>
        <translation>本窗口今日办件</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reprint slip</source>
        <translation>补打凭条</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Home</source>
        <extracomment>target screen of each tile, in reading order</extracomment>
        <translation>首页</translation>
    </message>
    <message>
        <source>What would you like to do?</source>
        <translation>您要办什么？</translation>
    </message>
    <message>
        <source>Take a number</source>
        <translation>取号</translation>
    </message>
    <message>
        <source>Queue for a service window</source>
        <translation>排队到窗口办理</translation>
    </message>
    <message>
        <source>Book or check in</source>
        <translation>预约 / 签到</translation>
    </message>
    <message>
        <source>Make an appointment, or tell us you have arrived</source>
        <translation>预约办理时间，或告诉我们您已到达</translation>
    </message>
    <message>
        <source>Apply for a service</source>
        <translation>自助申办</translation>
    </message>
    <message>
        <source>Fill in an application here, by yourself</source>
        <translation>在本机自助填写申请</translation>
    </message>
    <message>
        <source>Report a repair</source>
        <translation>物业报修</translation>
    </message>
    <message>
        <source>Something broken in your building</source>
        <translation>楼里有东西坏了</translation>
    </message>
    <message>
        <source>Community notices</source>
        <translation>社区通知</translation>
    </message>
    <message>
        <source>News and announcements</source>
        <translation>新闻和公告</translation>
    </message>
    <message>
        <source>Check an application</source>
        <translation>查询办理进度</translation>
    </message>
    <message>
        <source>See how your application is going</source>
        <translation>看看您的申请办得怎么样了</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>How this machine works, and how to ask staff</source>
        <translation>本机怎么用，怎么找工作人员</translation>
    </message>
</context>
<context>
    <name>HoursPage</name>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>A day closes after it opens.</source>
        <translation>关门时间须晚于开门时间。</translation>
    </message>
    <message>
        <source>Saved. The platform applies it to the next number the kiosk asks for.</source>
        <translation>已保存。平台对自助机下一次取号即按此执行。</translation>
    </message>
    <message>
        <source>Opening hours and daily quotas of the kiosk</source>
        <translation>自助机取号时间与每日限额</translation>
    </message>
    <message>
        <source>The kiosk gives numbers only in these hours (unticked: at any time)</source>
        <translation>自助机仅在以下时间内发号（不勾选：全天发号）</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>Rest day or holiday</source>
        <translation>休息日或节假日</translation>
    </message>
    <message>
        <source>Last number, minutes before closing</source>
        <translation>停止取号（关门前分钟数）</translation>
    </message>
    <message>
        <source>open</source>
        <translation>开放</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Numbers a day, per queue</source>
        <translation>各队列每日号数</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>This machine has no card reader, so please type your ID number.</source>
        <extracomment>frames without a face before the resident is asked to look at the camera frames in a row whose face matches, none showing the passport&apos;s page, before the match counts: one frame could be a still; and the page under the camera shows the chip&apos;s own photo printed on it (`terminal.face_check`)</extracomment>
        <translation>本机没有读卡器，请输入您的身份证号码。</translation>
    </message>
    <message>
        <source>The card reader is not working right now, so please type your ID number.</source>
        <translation>读卡器暂时无法使用，请输入您的身份证号码。</translation>
    </message>
    <message>
        <source>This document expired on %1. Please use a valid document, or go to a window for help.</source>
        <translation>此证件已于 %1 过期。请使用有效证件，或到窗口咨询。</translation>
    </message>
    <message>
        <source>Reading the chip, please keep the passport still…</source>
        <translation>正在读取芯片，请保持护照不动…</translation>
    </message>
    <message>
        <source>No passport was found on the reader. Lay the photo page flat on the reader and try again.</source>
        <translation>阅读器上没有检测到护照。请将资料页平放在阅读器上后重试。</translation>
    </message>
    <message>
        <source>The passport&apos;s chip did not open with the details the camera read from the photo page. Please lay one passport only, open at its photo page, on the reader and try again.</source>
        <translation>摄像头从照片页读取的信息无法打开这本护照的芯片。请只放一本护照，翻开至照片页平放在阅读器上，然后重试。</translation>
    </message>
    <message>
        <source>The passport&apos;s chip could not be verified. Please go to a window for help.</source>
        <translation>护照芯片数据未能通过验证，请到窗口办理。</translation>
    </message>
    <message>
        <source>Please take your passport away from the camera and look at the screen.</source>
        <translation>请把护照从摄像头下拿开，然后看着屏幕。</translation>
    </message>
    <message>
        <source>The first two digits are not a province code. Please check the number on your card.</source>
        <translation>前两位不是省份代码，请核对身份证上的号码。</translation>
    </message>
    <message>
        <source>Digits 7 to 14 should be your date of birth (year, month, day), but they are not a real date. Please check them.</source>
        <translation>第7到14位应是出生日期（年月日），但现在不是有效日期，请核对。</translation>
    </message>
    <message>
        <source>The last character does not match the other digits, so one of them is probably mistyped. Please check each digit.</source>
        <translation>最后一位校验码与前面的数字不符，可能有一位输错了，请逐位核对。</translation>
    </message>
    <message>
        <source>An ID number has 18 characters. Please type all of them.</source>
        <translation>身份证号码有18位，请全部输入。</translation>
    </message>
    <message>
        <source>A mobile number has 11 digits.</source>
        <translation>手机号码有11位。</translation>
    </message>
    <message>
        <source>This is not a mobile number: it should start with 13 to 19. Please check it.</source>
        <translation>这不是手机号码：手机号应以13到19开头，请核对。</translation>
    </message>
    <message>
        <source>Thank you. We have your details:</source>
        <translation>谢谢，已获取您的信息：</translation>
    </message>
    <message>
        <source>You are already identified as:</source>
        <translation>您已确认身份：</translation>
    </message>
    <message>
        <source>Identify yourself</source>
        <translation>身份确认</translation>
    </message>
    <message>
        <source>Please identify yourself</source>
        <translation>请确认您的身份</translation>
    </message>
    <message>
        <source>Place your ID card on the reader</source>
        <translation>请将身份证放在读卡器上</translation>
    </message>
    <message>
        <source>Lay the card flat on the card reader and leave it there until your details appear.</source>
        <translation>请把身份证平放在读卡器上，等信息显示出来再拿开。</translation>
    </message>
    <message>
        <source>I have no card with me: type my ID number</source>
        <translation>没带身份证：输入身份证号码</translation>
    </message>
    <message>
        <source>I have a passport</source>
        <translation>我持护照</translation>
    </message>
    <message>
        <source>Lay your passport open at the photo page on the passport reader</source>
        <translation>请将护照翻开至资料页，平放在护照阅读器上</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Change the passport details</source>
        <translation>修改护照信息</translation>
    </message>
    <message>
        <source>Look at the camera: we compare your face with your passport&apos;s photo</source>
        <translation>请正视摄像头：我们将把您的面部与护照照片进行比对</translation>
    </message>
    <message>
        <source>The camera still sees your passport&apos;s page: we compare your face once the page is out of view.</source>
        <translation>摄像头仍能看到您的护照页：护照移开后才开始比对您的面部。</translation>
    </message>
    <message>
        <source>Type your 18-character ID number</source>
        <translation>请输入18位身份证号码</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Type your mobile phone number (11 digits)</source>
        <translation>请输入11位手机号码</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>This is not me: start again</source>
        <translation>不是我：重新开始</translation>
    </message>
</context>
<context>
    <name>KeyboardDock</name>
    <message>
        <source>Keyboard</source>
        <extracomment>the languages the keyboard offers, by application language beside the screens (landscape) the keyboard takes this share of the window&apos;s width</extracomment>
        <translation>键盘</translation>
    </message>
    <message>
        <source>Back to the keyboard</source>
        <translation>换回键盘</translation>
    </message>
    <message>
        <source>Handwriting</source>
        <translation>手写</translation>
    </message>
    <message>
        <source>Write characters by hand instead</source>
        <translation>改用手写输入</translation>
    </message>
</context>
<context>
    <name>ManagerPages</name>
    <message>
        <source>Center management · %1</source>
        <translation>中心管理 · %1</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>公告</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Hours and quotas</source>
        <translation>时间与限额</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <source>The platform cannot be reached. Nothing was changed; try again when the connection is back.</source>
        <translation>无法连接平台，未做任何更改；请在网络恢复后重试。</translation>
    </message>
    <message>
        <source>The platform is busy or has a fault right now. Nothing was changed; try again in a minute.</source>
        <translation>平台繁忙或出现故障。未做任何更改，请一分钟后再试。</translation>
    </message>
    <message>
        <source>The platform is slow to answer right now. Try again in a moment; a change just sent may already be saved.</source>
        <translation>平台目前响应较慢，请稍后再试；刚才提交的更改可能已经保存。</translation>
    </message>
    <message>
        <source>Your manager session has ended. Sign out and sign in again.</source>
        <translation>您的管理员会话已结束，请退出后重新登录。</translation>
    </message>
    <message>
        <source>This staff number is already given.</source>
        <translation>该工号已被使用。</translation>
    </message>
    <message>
        <source>This card is bound to another member.</source>
        <translation>该卡已绑定给其他人员。</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>不能停用您自己的账号。</translation>
    </message>
    <message>
        <source>An expired notice cannot be changed; write a new one.</source>
        <translation>已撤下的公告不能修改，请新建一条。</translation>
    </message>
    <message>
        <source>A queue category is not one of this center&apos;s.</source>
        <translation>有队列类别不属于本中心。</translation>
    </message>
    <message>
        <source>It is no longer there; read the list again.</source>
        <translation>该条目已不存在，请重新读取列表。</translation>
    </message>
    <message>
        <source>The platform refused this (%1).</source>
        <translation>平台拒绝了此操作（%1）。</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>出现错误：%1</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>差评回访</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>统计</translation>
    </message>
</context>
<context>
    <name>MaterialsStep</name>
    <message>
        <source>4. Materials</source>
        <translation>4. 材料</translation>
    </message>
    <message>
        <source>All received</source>
        <translation>全部收齐</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>Supply later</source>
        <translation>容缺后补</translation>
    </message>
    <message>
        <source>Not needed</source>
        <translation>不需要</translation>
    </message>
</context>
<context>
    <name>MatterScreen</name>
    <message>
        <source>About this service</source>
        <translation>事项说明</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <source>Done on the spot.</source>
        <translation>当场办结。</translation>
    </message>
    <message numerus="yes">
        <source>Done within %n working day(s).</source>
        <translation>
            <numerusform>%n 个工作日内办结。</numerusform>
        </translation>
    </message>
    <message>
        <source>What to have ready:</source>
        <translation>需要准备：</translation>
    </message>
    <message>
        <source>(if it applies to you)</source>
        <translation>（如适用）</translation>
    </message>
    <message>
        <source>This service cannot be done at the kiosk. Please take a number and go to a window.</source>
        <translation>此事项不能在自助机办理，请取号到窗口办理。</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation>返回首页</translation>
    </message>
    <message>
        <source>This service needs an appointment.</source>
        <translation>此事项需要预约。</translation>
    </message>
    <message>
        <source>Book an appointment</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Start ›</source>
        <translation>开始办理 ›</translation>
    </message>
    <message>
        <source>The application is made in the name on the document you identify yourself with.</source>
        <translation>申请将以您用于确认身份的证件上的姓名办理。</translation>
    </message>
</context>
<context>
    <name>MatterStep</name>
    <message>
        <source>The catalog is not loaded yet: the terminal has not reached the platform since it was installed.</source>
        <translation>事项目录尚未加载：本终端安装后还没有连上过平台。</translation>
    </message>
    <message>
        <source>Type a name or pinyin initials (for example dbsq), then Enter.</source>
        <translation>输入名称或拼音首字母（例如 dbsq），然后按回车。</translation>
    </message>
    <message>
        <source>1. Which matter?</source>
        <translation>1. 办理什么事项？</translation>
    </message>
    <message>
        <source>Search: name, or pinyin initials</source>
        <translation>搜索：名称或拼音首字母</translation>
    </message>
</context>
<context>
    <name>NavigationBar</name>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Leave without sending? What you filled in will be cleared. Touch “Exit” again to leave.</source>
        <translation>还没有提交，确定要离开吗？已填写的内容将被清除。再按一次“退出”即可离开。</translation>
    </message>
    <message>
        <source>Still there? Returning to the start in %1 s. Touch to continue.</source>
        <translation>还在吗？%1 秒后返回首页，触摸屏幕继续。</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>no end</source>
        <translation>长期</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已撤下</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已到期</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>已排期</translation>
    </message>
    <message>
        <source>showing</source>
        <translation>展示中</translation>
    </message>
    <message>
        <source>Write the title in both Chinese and English.</source>
        <translation>请填写中文和英文标题。</translation>
    </message>
    <message>
        <source>The notice must end after it starts.</source>
        <translation>公告结束时间须晚于开始时间。</translation>
    </message>
    <message>
        <source>Saved. It shows on this center&apos;s kiosks and hall display from %1.</source>
        <translation>已保存。自 %1 起在本中心自助机和大厅屏展示。</translation>
    </message>
    <message>
        <source>The notice was withdrawn from the kiosks and the hall display.</source>
        <translation>公告已从自助机和大厅屏撤下。</translation>
    </message>
    <message>
        <source>Notices of this center</source>
        <translation>本中心公告</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Title (Chinese)</source>
        <translation>中文标题</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>英文标题</translation>
    </message>
    <message>
        <source>Text (Chinese)</source>
        <translation>中文正文</translation>
    </message>
    <message>
        <source>Text (English)</source>
        <translation>英文正文</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>展示时间</translation>
    </message>
    <message>
        <source>No end</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <source>New notice</source>
        <translation>新建公告</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Expire now</source>
        <translation>立即撤下</translation>
    </message>
</context>
<context>
    <name>NoticesScreen</name>
    <message>
        <source>Community notices</source>
        <translation>社区通知</translation>
    </message>
    <message>
        <source>There are no notices at the moment. Notices from the community appear here.</source>
        <translation>暂无通知。社区发布的通知会显示在这里。</translation>
    </message>
    <message>
        <source>‹ All notices</source>
        <translation>‹ 全部通知</translation>
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
    <name>OutcomeStep</name>
    <message>
        <source>6. Outcome</source>
        <translation>6. 办理结果</translation>
    </message>
    <message>
        <source>Accept (promise a completion date)</source>
        <translation>受理（承诺办结日期）</translation>
    </message>
    <message>
        <source>Handled on the spot</source>
        <translation>当场办结</translation>
    </message>
    <message>
        <source>One-time notice of missing materials</source>
        <translation>一次性告知书（补齐材料）</translation>
    </message>
    <message>
        <source>Not accepted (give the reason)</source>
        <translation>不予受理（说明原因）</translation>
    </message>
    <message>
        <source>Not within this center&apos;s remit</source>
        <translation>不属于本中心职责范围</translation>
    </message>
    <message>
        <source>The applicant does not meet the conditions</source>
        <translation>申请人不符合条件</translation>
    </message>
    <message>
        <source>The same application is already being handled</source>
        <translation>同一申请正在办理中</translation>
    </message>
    <message>
        <source>The applicant is not entitled to apply for this person</source>
        <translation>申请人无权为此人代办</translation>
    </message>
    <message>
        <source>Choose or type the reason</source>
        <translation>选择或填写原因</translation>
    </message>
    <message>
        <source>Record and print (Ctrl+Enter)</source>
        <translation>登记并打印 (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>PassportKeyEntry</name>
    <message>
        <source>Type the passport number as it is printed on the photo page.</source>
        <extracomment>a passport number mixes letters and digits: the digit keypad&apos;s digits in one row (as on a computer keyboard), then the alphabet; ten keys a row in portrait, twelve in landscape, where &quot;Delete&quot;, &quot;Back&quot; and &quot;Next&quot; share the fourth row so that the keyboard fits beside the fields</extracomment>
        <translation>请按资料页上印的内容输入护照号码。</translation>
    </message>
    <message>
        <source>Type the date as six digits: year, month, day (for example 690806 for 6 August 1969).</source>
        <translation>请输入六位数字的日期：年、月、日（例如 1969年8月6日 输入 690806）。</translation>
    </message>
    <message>
        <source>Passport number</source>
        <translation>护照号码</translation>
    </message>
    <message>
        <source>Date of birth (YYMMDD)</source>
        <translation>出生日期（年月日6位）</translation>
    </message>
    <message>
        <source>Date of expiry (YYMMDD)</source>
        <translation>有效期至（年月日6位）</translation>
    </message>
    <message>
        <source>Type the passport number from the photo page</source>
        <translation>请输入资料页上的护照号码</translation>
    </message>
    <message>
        <source>Type your date of birth as on the passport</source>
        <translation>请按护照上的内容输入出生日期</translation>
    </message>
    <message>
        <source>Type the passport&apos;s date of expiry</source>
        <translation>请输入护照的有效期截止日期</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Read the chip</source>
        <translation>读取芯片</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
</context>
<context>
    <name>PassportScanPage</name>
    <message>
        <source>Lay your passport open at the photo page under the camera</source>
        <translation>请将护照翻到照片页，平放在摄像头下</translation>
    </message>
    <message>
        <source>The two lines of letters and &lt;&lt;&lt; at the foot of the page are read, then the chip.</source>
        <translation>先识读照片页底部两行字母和 &lt;&lt;&lt;，再读取芯片。</translation>
    </message>
    <message>
        <source>Type the passport&apos;s numbers instead</source>
        <translation>改为手动输入护照信息</translation>
    </message>
</context>
<context>
    <name>PinGate</name>
    <message>
        <source>No technician PIN is configured.</source>
        <extracomment>The platform got the PIN but its answer came too late. The platform answered busy, failing or unreadably. No answer from the platform, and nobody it knows signed in here recently. The platform holds this PIN back for a while (its own lockout). The check itself failed on this terminal. Blocking check of (PIN, expected): a bool (right or wrong) or a `Verdict`.</extracomment>
        <translation>未设置技术人员密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>密码错误，还可以尝试 %n 次。</numerusform>
        </translation>
    </message>
    <message>
        <source>The platform is slow to answer, so the PIN was not checked. Type it again in a moment.</source>
        <translation>平台响应较慢，密码未能核对。请稍后重新输入。</translation>
    </message>
    <message>
        <source>The platform is busy or has a fault, so the PIN was not checked. Type it again in a moment.</source>
        <translation>平台繁忙或出现故障，密码未能核对。请稍后重新输入。</translation>
    </message>
    <message>
        <source>The platform cannot be reached, and no technician has signed in on this kiosk in the last two weeks, so the PIN cannot be checked. Check the kiosk&apos;s network connection.</source>
        <translation>无法连接平台，且近两周内没有技术人员在本机登录过，因此无法核对密码。请检查本机的网络连接。</translation>
    </message>
    <message>
        <source>The PIN could not be checked. Type it again; if this keeps happening, the kiosk&apos;s log says why.</source>
        <translation>密码未能核对。请重新输入；如果反复出现，请查看本机日志了解原因。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in %1.</source>
        <translation>密码错误次数过多，请 %1 后再试。</translation>
    </message>
    <message>
        <source>Technician PIN</source>
        <translation>技术人员密码</translation>
    </message>
</context>
<context>
    <name>QueueFlow</name>
    <message>
        <source>Sorry, a number cannot be given here right now. Please ask at the front desk.</source>
        <translation>抱歉，现在无法在这里取号，请到服务台询问。</translation>
    </message>
    <message>
        <source>Today&apos;s numbers for this service have all been given. Please come back on the next working day, or ask at the front desk.</source>
        <translation>本业务今日号码已发完，请下一个工作日再来，或到前台咨询。</translation>
    </message>
    <message>
        <source>The center is not giving numbers at this time.</source>
        <translation>本中心现在不发号。</translation>
    </message>
    <message>
        <source>On working days numbers are given from %1 to %2.</source>
        <translation>工作日发号时间为 %1 至 %2。</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Cancel (Esc)</source>
        <extracomment>action -&gt; key. Every action is one key; the parked list resumes its first ticket.</extracomment>
        <translation>取消 (Esc)</translation>
    </message>
    <message>
        <source>Transfer %1 to another queue, or to a window:</source>
        <translation>将 %1 转到其他队列或窗口：</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Transfer (Enter)</source>
        <translation>转移 (Enter)</translation>
    </message>
    <message>
        <source>Walk-in: which queue?</source>
        <translation>现场办理：哪个队列？</translation>
    </message>
    <message>
        <source>Pause calling. Why?</source>
        <translation>暂停叫号，原因？</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>休息</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>开会</translation>
    </message>
    <message>
        <source>System problem</source>
        <translation>系统故障</translation>
    </message>
    <message>
        <source>%1:%2 h</source>
        <translation>%1:%2 小时</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等候</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>最长等候</translation>
    </message>
    <message>
        <source>No queue figures yet</source>
        <translation>暂无排队数据</translation>
    </message>
    <message>
        <source>Call next</source>
        <translation>呼叫下一位</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>已到达</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>重呼</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>过号</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转移</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>现场办理</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Resume work</source>
        <translation>恢复工作</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message numerus="yes">
        <source>After %n recall(s)</source>
        <translation>
            <numerusform>重呼 %n 次后</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting now</source>
        <translation>当前等候</translation>
    </message>
    <message>
        <source>Offline: type the number on the resident&apos;s slip, or press F6 for a walk-in.</source>
        <translation>离线：请输入群众号票上的号码，或按 F6 现场办理。</translation>
    </message>
    <message>
        <source>Serve number (Enter)</source>
        <translation>办理此号 (Enter)</translation>
    </message>
    <message>
        <source>Parked, tap to resume:</source>
        <translation>已挂起，点击恢复：</translation>
    </message>
    <message>
        <source>walk-in</source>
        <translation>现场</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>%1 · no calls. Press F8 to resume work.</source>
        <translation>%1 · 暂停叫号。按 F8 恢复工作。</translation>
    </message>
    <message>
        <source>Press F1 to call the next resident.</source>
        <translation>按 F1 呼叫下一位。</translation>
    </message>
    <message>
        <source>Offline: type a number or press F6.</source>
        <translation>离线：输入号码或按 F6。</translation>
    </message>
    <message numerus="yes">
        <source>Called %1 ago · recalled %n time(s)</source>
        <translation>
            <numerusform>%1 前呼叫 · 已重呼 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Serving for %1</source>
        <translation>已办理 %1</translation>
    </message>
    <message>
        <source>offline, recorded on this terminal</source>
        <translation>离线，已在本终端登记</translation>
    </message>
</context>
<context>
    <name>RangeFiguresPage</name>
    <message>
        <source>Center</source>
        <extracomment>The range shown first: the last week, today included.</extracomment>
        <translation>全中心</translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation>%1 号窗口</translation>
    </message>
    <message>
        <source>Clerk %1</source>
        <translation>工作人员 %1</translation>
    </message>
    <message>
        <source>Served per clerk</source>
        <translation>各工作人员办理量</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>已办理</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>过号</translation>
    </message>
    <message>
        <source>Ratings per window (1 very poor … 5 very good)</source>
        <translation>各窗口评价分布（1 非常不满意 … 5 非常满意）</translation>
    </message>
    <message>
        <source>Figures of the center</source>
        <translation>中心统计</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>Avg wait (min)</source>
        <translation>平均等候（分钟）</translation>
    </message>
    <message>
        <source>Longest wait (min)</source>
        <translation>最长等候（分钟）</translation>
    </message>
    <message>
        <source>Avg service (min)</source>
        <translation>平均办理（分钟）</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>评价数</translation>
    </message>
    <message>
        <source>Avg rating</source>
        <translation>平均评分</translation>
    </message>
    <message>
        <source>Ratings 1/2/3/4/5</source>
        <translation>评分 1/2/3/4/5</translation>
    </message>
    <message>
        <source>Only the center manager signed in on this counter sees the center&apos;s figures.</source>
        <translation>仅在本窗口登录的中心负责人可查看中心统计。</translation>
    </message>
    <message>
        <source>The platform cannot be reached; try again later.</source>
        <translation>无法连接平台，请稍后再试。</translation>
    </message>
    <message>
        <source>The platform refused the request; see the log.</source>
        <translation>平台拒绝了请求，请查看日志。</translation>
    </message>
    <message>
        <source>Choose a start on or before the end, at most a year apart.</source>
        <translation>开始日期不能晚于结束日期，且相隔不超过一年。</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Could not write the file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <source>%1 to %2; exports go to %3</source>
        <translation>%1 至 %2；导出文件保存在 %3</translation>
    </message>
    <message>
        <source>Choose the days and press Show.</source>
        <translation>请选择日期后点击“查询”。</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Sent to the platform</source>
        <translation>已上报平台</translation>
    </message>
    <message>
        <source>Saved; will be sent</source>
        <translation>已保存，联网后上报</translation>
    </message>
    <message>
        <source>(estimated)</source>
        <translation>（预计）</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>报修人</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <source>Check code</source>
        <translation>查询码</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Done by</source>
        <translation>承诺办结</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Application receipt</source>
        <translation>申请回执</translation>
    </message>
    <message>
        <source>Repair request receipt</source>
        <translation>报修回执</translation>
    </message>
    <message>
        <source>Scan the code to check the progress.</source>
        <translation>扫码查询办理进度。</translation>
    </message>
    <message>
        <source>Please keep this slip.</source>
        <translation>请妥善保管本凭条。</translation>
    </message>
    <message>
        <source>Aged 65 or over</source>
        <translation>65岁及以上</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>残疾人</translation>
    </message>
    <message>
        <source>Booked appointment</source>
        <translation>已预约</translation>
    </message>
    <message>
        <source>About %1 people ahead of you</source>
        <translation>前面约有 %1 人</translation>
    </message>
    <message>
        <source>%1 people ahead of you</source>
        <translation>前面有 %1 人</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等候</translation>
    </message>
    <message>
        <source>Please wait until your number is shown and called.</source>
        <translation>请等候叫号。</translation>
    </message>
    <message>
        <source>Valid today only. Please keep this slip.</source>
        <translation>仅限当天有效，请妥善保管。</translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation>预约码</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>On the day, check in at a kiosk with your ID card 15 minutes before your time.</source>
        <translation>请于预约当天提前15分钟，在自助机上刷身份证签到。</translation>
    </message>
</context>
<context>
    <name>RepairScreen</name>
    <message>
        <source>Report a repair</source>
        <translation>物业报修</translation>
    </message>
    <message>
        <source>Please check, then touch “Submit”.</source>
        <translation>请核对，然后点“提交”。</translation>
    </message>
    <message>
        <source>‹ Change</source>
        <translation>‹ 修改</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Picture taken ✓</source>
        <translation>已拍照 ✓</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>无照片</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Saving your repair request… please wait.</source>
        <translation>正在保存您的报修，请稍候…</translation>
    </message>
    <message>
        <source>Your repair request could not be saved. Please try again, or ask the staff.</source>
        <translation>您的报修未能保存，请重试，或询问工作人员。</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Check your answers</source>
        <translation>核对填写内容</translation>
    </message>
    <message>
        <source>‹ Change</source>
        <translation>‹ 修改</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Please check, then touch “Submit”.</source>
        <translation>请核对，然后点“提交”。</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>(estimated)</source>
        <translation>（预计）</translation>
    </message>
    <message>
        <source>Done by</source>
        <translation>承诺办结</translation>
    </message>
    <message>
        <source>On the spot</source>
        <translation>当场办结</translation>
    </message>
    <message>
        <source>Saving your application… please wait.</source>
        <translation>正在保存您的申请，请稍候…</translation>
    </message>
    <message>
        <source>Your application could not be saved, so nothing was sent. Please try again, or go to a window.</source>
        <translation>您的申请未能保存，没有提交任何内容。请重试，或到窗口办理。</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Type your staff number and PIN.</source>
        <extracomment>Blocking check of (staff number, card UID, PIN) with the platform.</extracomment>
        <translation>请输入工号和密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Wait %1.</source>
        <translation>密码错误次数过多，请等待 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Wrong staff number or PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>工号或密码错误，还可以尝试 %n 次。</numerusform>
        </translation>
    </message>
    <message>
        <source>The PIN could not be checked: %1</source>
        <translation>无法验证密码：%1</translation>
    </message>
    <message>
        <source>The platform is slow to answer right now. Type your PIN again in a moment.</source>
        <translation>平台目前响应较慢，请稍后重新输入密码。</translation>
    </message>
    <message>
        <source>The platform is busy or has a fault right now. Type your PIN again in a moment.</source>
        <translation>平台目前繁忙或出现故障，请稍后重新输入密码。</translation>
    </message>
    <message>
        <source>The platform cannot be reached, and only clerks who signed in on this terminal in the last two weeks can sign in without it.</source>
        <translation>无法连接平台；离线时只有近两周内在本终端登录过的工作人员可以登录。</translation>
    </message>
    <message>
        <source>Staff card read. Type your PIN.</source>
        <translation>已读取工作证，请输入密码。</translation>
    </message>
    <message>
        <source>Window %1 · sign in</source>
        <translation>%1 号窗口 · 登录</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in (Enter)</source>
        <translation>登录 (Enter)</translation>
    </message>
    <message>
        <source>Or hold your staff card on the reader, then type your PIN.</source>
        <translation>或将工作证放在读卡器上，再输入密码。</translation>
    </message>
</context>
<context>
    <name>SlipScreen</name>
    <message>
        <source>Printing your slip…</source>
        <translation>正在打印凭条…</translation>
    </message>
    <message>
        <source>Your number</source>
        <translation>您的号码</translation>
    </message>
    <message>
        <source>Your appointment</source>
        <translation>您的预约</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Scan to follow the queue on your phone.</source>
        <translation>扫码用手机查看排队情况。</translation>
    </message>
    <message>
        <source>Scan to see your appointment on your phone.</source>
        <translation>扫码用手机查看预约。</translation>
    </message>
    <message>
        <source>The printer is not working. Please take a photo of this ticket, or remember your number.</source>
        <translation>打印机暂时无法使用，请拍下这张号票，或记住您的号码。</translation>
    </message>
    <message>
        <source>The printer is not working. Your appointment is saved. Please take a photo of this slip.</source>
        <translation>打印机暂时无法使用。您的预约已保存，请拍下这张凭条。</translation>
    </message>
    <message>
        <source>This kiosk has no printer. Please take a photo of this ticket, or remember your number.</source>
        <translation>本机没有打印机，请拍下这张号票，或记住您的号码。</translation>
    </message>
    <message>
        <source>This kiosk has no printer. Your appointment is saved. Please take a photo of this slip.</source>
        <translation>本机没有打印机。您的预约已保存，请拍下这张凭条。</translation>
    </message>
    <message>
        <source>Here is your number. Please wait to be called.</source>
        <translation>这是您的号码，请等候叫号。</translation>
    </message>
    <message>
        <source>Priority: %1</source>
        <translation>优先：%1</translation>
    </message>
    <message>
        <source>Your appointment is booked.</source>
        <translation>预约成功。</translation>
    </message>
    <message>
        <source>Please take your slip from the printer.</source>
        <translation>请取走打印的凭条。</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Choose a member in the list</source>
        <translation>请在列表中选择人员</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Give a staff number, a name and a PIN of 4 to 12 digits.</source>
        <translation>请填写工号、姓名和 4 至 12 位数字密码。</translation>
    </message>
    <message>
        <source>%1 was added and can sign in with the PIN given.</source>
        <translation>已添加 %1，可用所设密码登录。</translation>
    </message>
    <message>
        <source>A PIN has 4 to 12 digits.</source>
        <translation>密码为 4 至 12 位数字。</translation>
    </message>
    <message>
        <source>The PIN of %1 was reset.</source>
        <translation>%1 的密码已重置。</translation>
    </message>
    <message>
        <source>Type the card&apos;s number (UID, hexadecimal).</source>
        <translation>请输入卡号（UID，十六进制）。</translation>
    </message>
    <message>
        <source>Saved: %1.</source>
        <translation>已保存：%1。</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在岗</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Card bound</source>
        <translation>已绑卡</translation>
    </message>
    <message>
        <source>Card read. Press Bind card to give it to %1.</source>
        <translation>已读卡。按“绑定工作卡”绑定给 %1。</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>窗口人员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>值班主管</translation>
    </message>
    <message>
        <source>Center manager</source>
        <translation>中心负责人</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Staff of this center</source>
        <translation>本中心人员</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Staff card</source>
        <translation>工作卡</translation>
    </message>
    <message>
        <source>Add a member</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <source>First PIN</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Reset PIN</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Hold the card on the reader</source>
        <translation>请将工作卡放在读卡器上</translation>
    </message>
    <message>
        <source>Bind card</source>
        <translation>绑定工作卡</translation>
    </message>
    <message>
        <source>Unbind card</source>
        <translation>解绑工作卡</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <source>Camera starting …</source>
        <extracomment>The matter code the platform gives repair requests (sync.server.cases.book.REPAIR). the colour (theme &quot;tone&quot;) of each application status a camera that sends no picture for this long counts as not working</extracomment>
        <translation>摄像头启动中…</translation>
    </message>
    <message>
        <source>This machine has no camera, so please type the number printed on your receipt.</source>
        <translation>本机没有摄像头，请输入回执上印的编号。</translation>
    </message>
    <message>
        <source>The camera is not working right now, so please type the number printed on your receipt.</source>
        <translation>摄像头暂时无法使用，请输入回执上印的编号。</translation>
    </message>
    <message>
        <source>This code is not from one of our receipts. Please show the QR code printed on your receipt.</source>
        <translation>这不是我们回执上的二维码，请出示回执上印的二维码。</translation>
    </message>
    <message>
        <source>This is not a tracking number. It looks like RC-20261125-K01-00042 and is printed under the QR code on your receipt.</source>
        <translation>这不是受理编号。受理编号形如 RC-20261125-K01-00042，印在回执二维码下方。</translation>
    </message>
    <message>
        <source>Looking up %1 …</source>
        <translation>正在查询 %1 …</translation>
    </message>
    <message>
        <source>Application %1</source>
        <translation>申请 %1</translation>
    </message>
    <message>
        <source>Not found yet</source>
        <translation>暂未查到</translation>
    </message>
    <message>
        <source>We could not find this application. It appears here a few minutes after it is handed in. Please check the number, try again later, or ask a member of staff.</source>
        <translation>没有找到这份申请。申请提交几分钟后才能查到。请核对编号，稍后再试，或询问工作人员。</translation>
    </message>
    <message>
        <source>We cannot reach the service system right now, and this machine has no saved record of this application. Please try again later, or ask a member of staff.</source>
        <translation>暂时连不上服务系统，本机也没有这份申请的记录。请稍后再试，或询问工作人员。</translation>
    </message>
    <message>
        <source>Property repair</source>
        <translation>物业报修</translation>
    </message>
    <message>
        <source>Still to bring: %1</source>
        <translation>还需补交：%1</translation>
    </message>
    <message>
        <source>Last change: %1</source>
        <translation>最近更新：%1</translation>
    </message>
    <message>
        <source>Checked just now.</source>
        <translation>刚刚查询。</translation>
    </message>
    <message>
        <source>We cannot reach the service system right now. This is the status saved on this machine, as of %1.</source>
        <translation>暂时连不上服务系统。以下是本机保存的状态，截至 %1。</translation>
    </message>
    <message>
        <source>To be completed by %1 (estimated)</source>
        <translation>承诺办结日期：%1（预估）</translation>
    </message>
    <message>
        <source>To be completed by %1</source>
        <translation>承诺办结日期：%1</translation>
    </message>
    <message>
        <source>What happened so far</source>
        <translation>办理经过</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Accepted, documents to follow</source>
        <translation>容缺受理</translation>
    </message>
    <message>
        <source>Told once which documents are missing</source>
        <translation>一次性告知补正材料</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Handled on the spot</source>
        <translation>当场办结</translation>
    </message>
    <message>
        <source>Documents supplied</source>
        <translation>已补交材料</translation>
    </message>
    <message>
        <source>Work started</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Result collected</source>
        <translation>已领取</translation>
    </message>
    <message>
        <source>Service rated</source>
        <translation>已评价</translation>
    </message>
    <message>
        <source>Sent to a repairer</source>
        <translation>已派单</translation>
    </message>
    <message>
        <source>Progress noted</source>
        <translation>处理进展</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>准予办理</translation>
    </message>
    <message>
        <source>not approved</source>
        <translation>不予批准</translation>
    </message>
    <message>
        <source>Received: your application has arrived and is waiting to be handled.</source>
        <translation>已接收：您的申请已送达，等待办理。</translation>
    </message>
    <message>
        <source>Accepted: your application is being handled. Please bring the documents listed below.</source>
        <translation>已受理：您的申请正在办理，请带来下列材料补交。</translation>
    </message>
    <message>
        <source>Accepted: your application is complete and is being handled.</source>
        <translation>已受理：您的材料齐全，正在办理。</translation>
    </message>
    <message>
        <source>In progress: your application is being handled.</source>
        <translation>办理中：您的申请正在办理。</translation>
    </message>
    <message>
        <source>Completed: the result is ready.</source>
        <translation>已办结：结果已出。</translation>
    </message>
    <message>
        <source>Not accepted. The reason is below.</source>
        <translation>不予受理，原因如下。</translation>
    </message>
    <message>
        <source>Documents missing: please bring the documents listed below.</source>
        <translation>材料不全：请补齐下列材料。</translation>
    </message>
    <message>
        <source>Documents missing: please bring the documents on the notice the window gave you.</source>
        <translation>材料不全：请按窗口给您的告知书补齐材料。</translation>
    </message>
    <message>
        <source>Check an application</source>
        <translation>查询办理进度</translation>
    </message>
    <message>
        <source>Hold the QR code on your receipt in front of the camera.</source>
        <translation>请将回执上的二维码对准摄像头。</translation>
    </message>
    <message>
        <source>Type the number instead</source>
        <translation>改为输入编号</translation>
    </message>
    <message>
        <source>Type the tracking number printed on your receipt, for example RC-20261125-K01-00042.</source>
        <translation>请输入回执上印的受理编号，例如 RC-20261125-K01-00042。</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Check another</source>
        <translation>查询其他</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>StepForm</name>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>‹ Previous</source>
        <translation>‹ 上一步</translation>
    </message>
    <message>
        <source>Check my answers ›</source>
        <translation>核对填写内容 ›</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>下一步 ›</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>● Connecting…</source>
        <translation>● 正在连接…</translation>
    </message>
    <message numerus="yes">
        <source>● This terminal was withdrawn; enroll it again (%n record(s) kept)</source>
        <translation>
            <numerusform>● 本终端已被停用，请重新登记（已保留 %n 条记录）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● %n damaged record(s): call a technician</source>
        <translation>
            <numerusform>● %n 条记录已损坏，请联系技术人员</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● %n record(s) need a technician</source>
        <translation>
            <numerusform>● %n 条记录需要技术人员处理</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● Online · %n saved, sending is delayed</source>
        <translation>
            <numerusform>● 在线 · 已保存 %n 条，发送稍有延迟</numerusform>
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
    <name>TakeNumberScreen</name>
    <message>
        <source>Take a number</source>
        <translation>取号</translation>
    </message>
    <message>
        <source>Priority (optional): choose it first.</source>
        <translation>优先办理（可选）：请先选择。</translation>
    </message>
    <message>
        <source>Touch the service you need:</source>
        <translation>请选择要办理的业务：</translation>
    </message>
    <message>
        <source>I have a disability</source>
        <translation>我是残疾人</translation>
    </message>
    <message>
        <source>Aged 65 or over? Show your ID card</source>
        <translation>65岁及以上？请出示身份证</translation>
    </message>
    <message>
        <source>Aged 65 or over (from your ID card)</source>
        <translation>65岁及以上（按身份证）</translation>
    </message>
    <message>
        <source>Your ID card shows your age for the priority queue.</source>
        <translation>身份证用于确认年龄，以便优先排队。</translation>
    </message>
    <message>
        <source>One moment, the machine is starting…</source>
        <translation>请稍候，本机正在启动…</translation>
    </message>
    <message>
        <source>About %1 waiting</source>
        <translation>约 %1 人等候</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation>%1 人等候</translation>
    </message>
    <message>
        <source>One moment, taking your number…</source>
        <translation>请稍候，正在取号…</translation>
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
        <source>When the printer cannot report its status:</source>
        <translation>打印机无法报告状态时：</translation>
    </message>
    <message>
        <source>Face match threshold (lower is stricter):</source>
        <translation>人证比对阈值（越低越严格）：</translation>
    </message>
    <message>
        <source>Face match compares the camera with a passport chip&apos;s photo. ID cards, residence permits and foreigners&apos; cards give their photo only as WLT data, which no open decoder reads: those residents are not face-matched here.</source>
        <translation>人证比对将摄像头画面与护照芯片中的照片比较。身份证、居住证和外国人永久居留身份证的照片仅以 WLT 格式提供，没有开放的解码器可以读取：持这些证件的居民在此不做人证比对。</translation>
    </message>
    <message>
        <source>Print and warn</source>
        <translation>照常打印并提醒</translation>
    </message>
    <message>
        <source>Treat as failed (slip on screen)</source>
        <translation>视为打印失败（屏幕显示回执）</translation>
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
        <source>Diagnostics</source>
        <translation>诊断包</translation>
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
        <source>Status unknown</source>
        <translation>状态未知</translation>
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
        <source>Used until the app restarts (no configuration file).</source>
        <translation>已生效，重启应用后失效（没有配置文件）。</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
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
        <source>Card refused: %1</source>
        <translation>卡片被拒绝：%1</translation>
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
        <source>Writing the diagnostics archive…</source>
        <translation>正在生成诊断包…</translation>
    </message>
    <message>
        <source>Diagnostics archive written (no personal data in it):
%1</source>
        <translation>诊断包已生成（不含个人信息）：
%1</translation>
    </message>
    <message>
        <source>Diagnostics archive not written: %1</source>
        <translation>诊断包未能生成：%1</translation>
    </message>
    <message>
        <source>Saved to %1. Restart the app to use the new devices.</source>
        <translation>已保存到 %1。重启程序后使用新设备。</translation>
    </message>
</context>
<context>
    <name>TechnicianScreen</name>
    <message>
        <source>Technician</source>
        <translation>技术维护</translation>
    </message>
</context>
<context>
    <name>WindowsPage</name>
    <message>
        <source>Every window needs a number of up to 8 characters.</source>
        <translation>每个窗口都须有号码（不超过 8 个字符）。</translation>
    </message>
    <message>
        <source>Two windows have the same number.</source>
        <translation>有两个窗口号码相同。</translation>
    </message>
    <message>
        <source>Saved. The counters and the hall display of this center take it at their next refresh.</source>
        <translation>已保存。本中心窗口终端和大厅屏下次刷新后生效。</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Windows and the queues they call</source>
        <translation>窗口及其叫号队列</translation>
    </message>
    <message>
        <source>Add a window</source>
        <translation>添加窗口</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>WorkAreaPlaceholder</name>
    <message>
        <source>Acceptance workbench: not installed on this terminal.</source>
        <translation>本终端未安装受理工作台。</translation>
    </message>
    <message>
        <source>Current ticket: %1</source>
        <translation>当前号码：%1</translation>
    </message>
</context>
</TS>
