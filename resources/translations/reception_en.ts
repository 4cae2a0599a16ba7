<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AcceptanceReceipt</name>
    <message>
        <source>Acceptance receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handled on the spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-time notice of missing materials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice of non-acceptance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the code to check the progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please keep this slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please bring these materials, all of them, next time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your application was not accepted because:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted now; please supply these later:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AcceptanceWorkbench</name>
    <message>
        <source>This is not a receipt code or tracking number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To supply later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done by %1 (%2 working days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 page(s) scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the matter first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identify the applicant (ID card or ID number).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form or the applicant has gaps: see steps 2 and 3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Materials are missing: give the one-time notice, or mark them “Supply later”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No material is marked missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the spot means complete: nothing may be supplied later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or type the reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded %1. The slip is printing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved, nothing was recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprinting %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the receipt&apos;s QR code under the camera…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform cannot be reached, so the kiosk application %1 cannot be opened. Take it again by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No kiosk application %1 was found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The matter %1 is not in this terminal&apos;s catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk application %1 opened: check the form, then the materials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the kiosk: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 Matter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3 Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 Materials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6 Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or type a kiosk receipt&apos;s tracking number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR by camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Back (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next › (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccessibilityBar</name>
    <message>
        <source>Large text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice guidance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApplicantStep</name>
    <message>
        <source>Reading the card…</source>
        <extracomment>documents whose issuing country the applicant step asks for the clerk read a passport&apos;s chip: a card the reader finds on its own (polled) no longer replaces that applicant; Ctrl+I still reads one</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lay the passport open at the photo page under the camera: its MRZ is read, then the chip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera is not working: type the passport number and the dates from the photo page, then read the chip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the passport number, the date of birth and the date of expiry (YYMMDD) as on the photo page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the passport chip…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read from the card: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chip read. Passive authentication passed: the data is signed by %1, issued by a configured country signing CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chip read. The data is signed by %1, but no CSCA list is configured, so that signer is not checked against a country key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passive authentication FAILED: the chip&apos;s data cannot be trusted. Check the passport by hand. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read from the passport chip: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document expired on %1: it cannot be accepted. Ask for a valid document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No passport on the reader: lay the photo page on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No card on the reader. Place it flat, or type the number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the ID card, or type the ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ID number is not valid: check each digit (the last one is a check digit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This number is not valid for the document chosen: check the document and each character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the issuing country as the passport&apos;s MRZ writes it (3 letters, for example CHN or D&lt;&lt;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Who is applying?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read ID card (Ctrl+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident ID card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hong Kong/Macao/Taiwan residence permit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Foreigner&apos;s permanent residence card (2017)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Foreigner&apos;s permanent residence card (2023)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuing country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born (YYMMDD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires (YYMMDD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read passport chip (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read MRZ by camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passport chip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No card reader: type the ID number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Now serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touch the screen to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → window %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No numbers are being called right now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome. Self-service is open 24 hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookConfirmScreen</name>
    <message>
        <source>Check your appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is this right? Then touch “Confirm”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: this time may already be taken. If so, the office will contact you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving your appointment… please wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorry, this time has just been taken. Please touch “Change” and choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your appointment could not be saved. Please try again, or ask at the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookScreen</name>
    <message>
        <source>Book an appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which service is the appointment for?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have an appointment today: check in ›</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Choose a day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Choose a time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Other services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show your ID card to find your appointment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking needs the connection to the office, which is down right now. Please try again later, or ask at the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: these times were saved earlier; availability may have changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No times are left on this day. Please choose another day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your appointment is made in your name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>New Year&apos;s Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spring Festival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tomb-sweeping Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labour Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dragon Boat Festival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mid-autumn Festival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Victory Day (70th anniversary)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worked weekend day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calendar of this year yet: only weekends are days off until one is published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The city&apos;s calendar, from chinesecalendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This center&apos;s own calendar, published by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The city&apos;s calendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day is not in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A holiday is a weekday and a worked day is a weekend day; other days need no entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not published yet: press Publish when the year is complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published. Every terminal of this center counts deadlines on it from its next refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working-day calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Spring Festival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add or change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallStaffButton</name>
    <message>
        <source>Start screen</source>
        <extracomment>Seconds after a call during which another tap records nothing. How long the answer stays on screen. The name of the attract screen (no title of its own) in a help request. Where the resident is: the screen&apos;s name and its title as they see it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorry, the call did not go through. Please ask at any service window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff have been called. Please wait here; someone will come to you.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseDesk</name>
    <message>
        <source>Offline: the list is as of %1; steps are saved here and sent when the platform is back.</source>
        <extracomment>A deadline this many working days away or fewer is &quot;due soon&quot;. The matter code the platform gives repair requests. Steps recorded here and not yet seen in the platform&apos;s list: number -&gt; state.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform has no case %1 (yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All %1 materials owed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cases: %2 overdue, %3 due within %4 working days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handler to dispatch to, or a note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the handler&apos;s name, or the note, first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed %1; the completion notice is printing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved, nothing was recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Property repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for pre-check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Materials missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted, materials to follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not yet delivered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-time notice of missing materials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handled on the spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Materials supplied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(pre-check)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>window %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking number from the slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide at the workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was issued, or the reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Material supplied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete and print the notice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogScreen</name>
    <message>
        <source>Apply for a service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search: name or pinyin initials, e.g. dbsq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One moment, the list of services is loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing found. Try other words, or browse below after clearing the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touch a service to see what you need.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(at a window only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which office is it for?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touch an office, or search above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ All offices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is it about?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Other topics</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckInScreen</name>
    <message>
        <source>Please show your ID card first, so we can find your appointment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your appointments today: touch one to check in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show my ID card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take a normal number instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show your ID card to find your appointment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One moment, looking for your appointment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We cannot reach the office right now, and this machine has no appointment for you today. Please ask at the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We found no appointment for today with this ID card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: only appointments made at this machine are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One moment, checking you in…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChineseFontCheck</name>
    <message>
        <source>Chinese text: printed as images until a test slip confirms the printer&apos;s own Chinese font (GB18030).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese text: the printer&apos;s own font (GB18030).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese text: printed as images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Are the Chinese lines on the test slip clear Chinese characters (not symbols or gibberish)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes: use the printer&apos;s font</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No: keep images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompletionNotice</name>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please collect the result at any window with this notice and your ID card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may ask at any window how to apply for a review of this decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please keep this notice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterComposition</name>
    <message>
        <source>No input: signing out in %1 s.</source>
        <extracomment>The signed-in manager&apos;s requests (None: no manager signed in online). The watcher runs for the manager&apos;s staff page (not for signing in).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the record: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <source>Window terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clerk: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadLetterList</name>
    <message>
        <source>Records that need a technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read them: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: every record is delivered or waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n damaged on this terminal</source>
        <translation>
            <numerusform>%n damaged on this terminal</numerusform>
            <numerusform>%n damaged on this terminal</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused by the platform</source>
        <translation>
            <numerusform>%n refused by the platform</numerusform>
            <numerusform>%n refused by the platform</numerusform>
        </translation>
    </message>
    <message>
        <source>damaged here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused by the platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>…and %n more: `reception-sync dead` lists them all</source>
        <translation>
            <numerusform>…and %n more: `reception-sync dead` lists them all</numerusform>
            <numerusform>…and %n more: `reception-sync dead` lists them all</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoButtons</name>
    <message>
        <source>Demo: place the ID card</source>
        <translation>Demo: ID card</translation>
    </message>
    <message>
        <source>Demo: show a receipt&apos;s QR code</source>
        <translation>Demo: receipt QR</translation>
    </message>
    <message>
        <source>Demo: show the passport</source>
        <translation>Demo: passport</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <source>Nobody is waiting.</source>
        <extracomment>Between queue reads while the platform&apos;s event stream pushes the state (its `state` events come when counts or calls change; the reads keep waits ageing).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Called %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>window %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 transferred to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-in %1 is being served.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline walk-in: it gets its number when the link returns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a ticket number of this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving %1 offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform cannot be reached. Serve the numbers residents show, or issue a walk-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform is busy or has a fault right now. Serve the numbers residents show, or try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Device</name>
    <message>
        <source>The printer is not available right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer is out of paper.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer cover is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer is running low on paper.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer may not be able to print right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ID card reader is not available. Please ask staff for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please place your ID card flat on the reader and keep it still.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card reader is not available. Please ask staff for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please place your card on the reader.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card was taken away too early. Please place it on the reader again and keep it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card reader is busy. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This card cannot be read here. Please ask staff for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No page found. Please lay the page flat, fully inside the frame.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera is not available right now. Please ask a staff member for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera picture was interrupted. Please wait a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo checks are not available right now.</source>
        <extracomment>Output size of an ID photo: 358x441 px (26x32 mm at 350 dpi, head and shoulders). Share of the photo&apos;s width taken by the detected face box. Height of the face box&apos;s centre from the top, as a share of the photo&apos;s height.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No face found. Please look straight at the camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than one face is in the picture. Please stand alone in front of the camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This card cannot be used here. Please ask staff for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document has no readable chip. Please ask staff for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passport chip did not accept the document number and dates. Please check them and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passport chip could not be read. Please place it on the reader again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please look at the camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you, your face matches your document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your face could not be matched with your document. Please go to a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your document&apos;s photo cannot be compared here. Please go to a window.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DigitKeypad</name>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⌫ Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the last character</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentsStep</name>
    <message>
        <source>Checking the page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera could not take the page: scan it again, or ask the technician to check the camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No page found. Lay it flat, fully in view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 page(s) scanned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5. Scan the documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan page (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera: documents cannot be scanned here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lay each page flat under the camera, then scan it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>Printing your slip…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan this code with your phone to check the progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer is not working. Your application is saved. Please take a photo of this slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kiosk has no printer. Your application is saved. Please take a photo of this slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your repair request has reached the office.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your application has reached the office.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your repair request is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your application is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please take your slip from the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was printed a moment before your repair request reached the office, so it says “Saved; will be sent”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was printed a moment before your application reached the office, so it says “Saved; will be sent”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One moment, the slip is shown on the screen…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FaceCheck</name>
    <message>
        <source>face matched the document photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>face did NOT match the document photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no face in front of the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>document photo could not be compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distance %1, threshold %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FaceCompare</name>
    <message>
        <source>Comparing… ask the applicant to look at the camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera is not working: compare the applicant with the chip photo by hand, and ask the technician to check the camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distance %1, threshold %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face matches the chip photo (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face does NOT match the chip photo (%1): check the applicant and the passport by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No face in front of the camera: ask the applicant to look at it, then compare again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chip photo cannot be compared here: check the applicant by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera also saw the passport&apos;s photo page: the photo printed on it may be the face that was compared. Take the passport away from the camera and compare again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare face with chip photo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FiguresView</name>
    <message>
        <source>Could not write the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports go to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the platform; outcomes and ratings from this terminal&apos;s records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: from this window&apos;s own records only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg wait (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest wait (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg handling (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing materials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcomes by matter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <source>Very poor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Very good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue by %1 working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 working days left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a follow-up to read it and answer it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rated %1 on %2 at window %3 (clerk %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasons: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups of poor ratings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was done: the resident called back, the cause, the change made…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 open, %2 overdue. The center manager answers each within %3 working days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the center manager signed in on this counter sees and answers follow-ups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform cannot be reached; the list is the last one shown. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform refused the request; see the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case or ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormFields</name>
    <message>
        <source>Please fill this in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is too long. Please shorten it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This phone number looks wrong. A mobile number has 11 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ID number is not right. Please check each digit.</source>
        <extracomment>the number came from an identified document (a passport, a foreigner&apos;s card) whose own rules were checked where it was read: no GB 11643 rule here</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use ▲ ▼ to choose the date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose the date with ▲ ▼.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture could not be saved. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera is not working, and this picture is needed. Please go to a window to finish this application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please take the picture first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture could not be taken. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera is not working. You can go on without this picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture taken. Touch “Take again” if you want a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lay the page flat under the camera, then touch “Take picture”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold up what you want to show in front of the camera, then touch “Take picture”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look straight at the camera, then touch “Take picture”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <source> (optional: you may go on without a picture)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read from your ID card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As you entered it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormStep</name>
    <message>
        <source>3. The application form</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandwritingPad</name>
    <message>
        <source>Choose %1</source>
        <extracomment>how long a hidden pad keeps the recognizer open (shown again meanwhile: no reopening)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write one character here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the pad and write again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⌫ Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the last character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handwriting is not available on this kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpAlerts</name>
    <message>
        <source>Answering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&apos;m coming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more kiosk(s) waiting</source>
        <translation>
            <numerusform>%n more kiosk waiting</numerusform>
            <numerusform>%n more kiosks waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>Kiosk %1: go to the resident; the hall display says staff are on the way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk %1: window %2 answered first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the platform cannot be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call for help was not answered: %1. Go to the kiosk anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk %1 needs help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(in English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(in Chinese)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min ago</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpScreen</name>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How can we help?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this machine does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here you can take a queue number, book an appointment or check in, apply for some services by yourself, report a repair, read community notices and see how an earlier application is going. It is open day and night. Touch the big buttons to choose. Where you need to write something, such as an address, a keyboard appears on the screen: for Chinese, type the pinyin, then touch the character you want, or touch “Handwriting” and write the characters with your finger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Easier to see and to hear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The switches at the top of every screen help: “Large text” makes the writing bigger, “High contrast” shows light writing on a dark screen, and “Voice guidance” reads each screen aloud. A switch that is on is filled in and ticked; touch it again to turn it off. They turn off by themselves when you leave.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the windows are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service windows are the numbered counters in the hall. When your queue number is called, the screens in the hall show it together with the number of the window to go to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking a member of staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>During opening hours, ask at any window or any member of staff in the hall: they are glad to help. Outside opening hours, call the community duty phone shown at the entrance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your personal details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your ID number and phone number are shown only partly. When you leave, or after a short time without a touch, this machine forgets everything you entered. Touch Home to start again at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>%1 today. ✓ sent to the platform, … waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today at this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint slip</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Home</source>
        <extracomment>target screen of each tile, in reading order</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What would you like to do?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue for a service window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book or check in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make an appointment, or tell us you have arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply for a service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in an application here, by yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report a repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something broken in your building</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>News and announcements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check an application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See how your application is going</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How this machine works, and how to ask staff</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HoursPage</name>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A day closes after it opens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. The platform applies it to the next number the kiosk asks for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening hours and daily quotas of the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk gives numbers only in these hours (unticked: at any time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rest day or holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last number, minutes before closing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbers a day, per queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>This machine has no card reader, so please type your ID number.</source>
        <extracomment>frames without a face before the resident is asked to look at the camera frames in a row whose face matches, none showing the passport&apos;s page, before the match counts: one frame could be a still; and the page under the camera shows the chip&apos;s own photo printed on it (`terminal.face_check`)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card reader is not working right now, so please type your ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document expired on %1. Please use a valid document, or go to a window for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the chip, please keep the passport still…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No passport was found on the reader. Lay the photo page flat on the reader and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passport&apos;s chip did not open with the details the camera read from the photo page. Please lay one passport only, open at its photo page, on the reader and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passport&apos;s chip could not be verified. Please go to a window for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please take your passport away from the camera and look at the screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first two digits are not a province code. Please check the number on your card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digits 7 to 14 should be your date of birth (year, month, day), but they are not a real date. Please check them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last character does not match the other digits, so one of them is probably mistyped. Please check each digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ID number has 18 characters. Please type all of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A mobile number has 11 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a mobile number: it should start with 13 to 19. Please check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you. We have your details:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are already identified as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identify yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please identify yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place your ID card on the reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lay the card flat on the card reader and leave it there until your details appear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have no card with me: type my ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have a passport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lay your passport open at the photo page on the passport reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the passport details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look at the camera: we compare your face with your passport&apos;s photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera still sees your passport&apos;s page: we compare your face once the page is out of view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your 18-character ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your mobile phone number (11 digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not me: start again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyboardDock</name>
    <message>
        <source>Keyboard</source>
        <extracomment>the languages the keyboard offers, by application language beside the screens (landscape) the keyboard takes this share of the window&apos;s width</extracomment>
        <translation>Keyboard</translation>
    </message>
    <message>
        <source>Back to the keyboard</source>
        <translation>Back to the keyboard</translation>
    </message>
    <message>
        <source>Handwriting</source>
        <translation>Handwriting</translation>
    </message>
    <message>
        <source>Write characters by hand instead</source>
        <translation>Write characters by hand instead</translation>
    </message>
</context>
<context>
    <name>ManagerPages</name>
    <message>
        <source>The platform cannot be reached. Nothing was changed; try again when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform is busy or has a fault right now. Nothing was changed; try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform is slow to answer right now. Try again in a moment; a change just sent may already be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your manager session has ended. Sign out and sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This staff number is already given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This card is bound to another member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An expired notice cannot be changed; write a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A queue category is not one of this center&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is no longer there; read the list again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform refused this (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Center management · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours and quotas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaterialsStep</name>
    <message>
        <source>4. Materials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supply later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not needed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MatterScreen</name>
    <message>
        <source>About this service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done on the spot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Done within %n working day(s).</source>
        <translation>
            <numerusform>Done within %n working day.</numerusform>
            <numerusform>Done within %n working days.</numerusform>
        </translation>
    </message>
    <message>
        <source>What to have ready:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(if it applies to you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This service cannot be done at the kiosk. Please take a number and go to a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This service needs an appointment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book an appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start ›</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application is made in the name on the document you identify yourself with.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MatterStep</name>
    <message>
        <source>The catalog is not loaded yet: the terminal has not reached the platform since it was installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name or pinyin initials (for example dbsq), then Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Which matter?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search: name, or pinyin initials</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NavigationBar</name>
    <message>
        <source>‹ Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave without sending? What you filled in will be cleared. Touch “Exit” again to leave.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still there? Returning to the start in %1 s. Touch to continue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>no end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>showing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the title in both Chinese and English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The notice must end after it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. It shows on this center&apos;s kiosks and hall display from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The notice was withdrawn from the kiosks and the hall display.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notices of this center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (Chinese)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text (Chinese)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expire now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticesScreen</name>
    <message>
        <source>Community notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no notices at the moment. Notices from the community appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ All notices</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This kiosk is temporarily out of service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please ask at a service window. We are sorry for the wait.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutcomeStep</name>
    <message>
        <source>6. Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept (promise a completion date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handled on the spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-time notice of missing materials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not accepted (give the reason)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not within this center&apos;s remit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The applicant does not meet the conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same application is already being handled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The applicant is not entitled to apply for this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or type the reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record and print (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassportKeyEntry</name>
    <message>
        <source>Type the passport number as it is printed on the photo page.</source>
        <extracomment>a passport number mixes letters and digits: the digit keypad&apos;s digits in one row (as on a computer keyboard), then the alphabet; ten keys a row in portrait, twelve in landscape, where &quot;Delete&quot;, &quot;Back&quot; and &quot;Next&quot; share the fourth row so that the keyboard fits beside the fields</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the date as six digits: year, month, day (for example 690806 for 6 August 1969).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passport number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth (YYMMDD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of expiry (YYMMDD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the passport number from the photo page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your date of birth as on the passport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the passport&apos;s date of expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the chip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassportScanPage</name>
    <message>
        <source>Lay your passport open at the photo page under the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two lines of letters and &lt;&lt;&lt; at the foot of the page are read, then the chip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the passport&apos;s numbers instead</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinGate</name>
    <message>
        <source>No technician PIN is configured.</source>
        <extracomment>The platform got the PIN but its answer came too late. The platform answered busy, failing or unreadably. No answer from the platform, and nobody it knows signed in here recently. The platform holds this PIN back for a while (its own lockout). The check itself failed on this terminal. Blocking check of (PIN, expected): a bool (right or wrong) or a `Verdict`.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>Wrong PIN. %n attempt left.</numerusform>
            <numerusform>Wrong PIN. %n attempts left.</numerusform>
        </translation>
    </message>
    <message>
        <source>The platform is slow to answer, so the PIN was not checked. Type it again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform is busy or has a fault, so the PIN was not checked. Type it again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform cannot be reached, and no technician has signed in on this kiosk in the last two weeks, so the PIN cannot be checked. Check the kiosk&apos;s network connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN could not be checked. Type it again; if this keeps happening, the kiosk&apos;s log says why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technician PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueFlow</name>
    <message>
        <source>Sorry, a number cannot be given here right now. Please ask at the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s numbers for this service have all been given. Please come back on the next working day, or ask at the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The center is not giving numbers at this time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On working days numbers are given from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Cancel (Esc)</source>
        <extracomment>action -&gt; key. Every action is one key; the parked list resumes its first ticket.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer %1 to another queue, or to a window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-in: which queue?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause calling. Why?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No queue figures yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No-show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Park</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>After %n recall(s)</source>
        <translation>
            <numerusform>After %n recall</numerusform>
            <numerusform>After %n recalls</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: type the number on the resident&apos;s slip, or press F6 for a walk-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve number (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parked, tap to resume:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · no calls. Press F8 to resume work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press F1 to call the next resident.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: type a number or press F6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Called %1 ago · recalled %n time(s)</source>
        <translation>
            <numerusform>Called %1 ago · recalled %n time</numerusform>
            <numerusform>Called %1 ago · recalled %n times</numerusform>
        </translation>
    </message>
    <message>
        <source>Serving for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline, recorded on this terminal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RangeFiguresPage</name>
    <message>
        <source>Center</source>
        <extracomment>The range shown first: the last week, today included.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clerk %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served per clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratings per window (1 very poor … 5 very good)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures of the center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg wait (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest wait (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg service (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratings 1/2/3/4/5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the center manager signed in on this counter sees the center&apos;s figures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform cannot be reached; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform refused the request; see the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a start on or before the end, at most a year apart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2; exports go to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the days and press Show.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Sent to the platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved; will be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair request receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the code to check the progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please keep this slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aged 65 or over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About %1 people ahead of you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 people ahead of you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please wait until your number is shown and called.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid today only. Please keep this slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the day, check in at a kiosk with your ID card 15 minutes before your time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RepairScreen</name>
    <message>
        <source>Report a repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please check, then touch “Submit”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture taken ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving your repair request… please wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your repair request could not be saved. Please try again, or ask the staff.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Check your answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please check, then touch “Submit”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving your application… please wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your application could not be saved, so nothing was sent. Please try again, or go to a window.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Type your staff number and PIN.</source>
        <extracomment>Blocking check of (staff number, card UID, PIN) with the platform.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong PINs. Wait %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrong staff number or PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>Wrong staff number or PIN. %n attempt left.</numerusform>
            <numerusform>Wrong staff number or PIN. %n attempts left.</numerusform>
        </translation>
    </message>
    <message>
        <source>The PIN could not be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform is slow to answer right now. Type your PIN again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform is busy or has a fault right now. Type your PIN again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform cannot be reached, and only clerks who signed in on this terminal in the last two weeks can sign in without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff card read. Type your PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window %1 · sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or hold your staff card on the reader, then type your PIN.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SlipScreen</name>
    <message>
        <source>Printing your slip…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan to follow the queue on your phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan to see your appointment on your phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer is not working. Please take a photo of this ticket, or remember your number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer is not working. Your appointment is saved. Please take a photo of this slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kiosk has no printer. Please take a photo of this ticket, or remember your number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kiosk has no printer. Your appointment is saved. Please take a photo of this slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here is your number. Please wait to be called.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your appointment is booked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please take your slip from the printer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card bound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a member in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card read. Press Bind card to give it to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a staff number, a name and a PIN of 4 to 12 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was added and can sign in with the PIN given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PIN has 4 to 12 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN of %1 was reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the card&apos;s number (UID, hexadecimal).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Center manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff of this center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the card on the reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unbind card</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <source>Camera starting …</source>
        <extracomment>The matter code the platform gives repair requests (sync.server.cases.book.REPAIR). the colour (theme &quot;tone&quot;) of each application status a camera that sends no picture for this long counts as not working</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine has no camera, so please type the number printed on your receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera is not working right now, so please type the number printed on your receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This code is not from one of our receipts. Please show the QR code printed on your receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a tracking number. It looks like RC-20261125-K01-00042 and is printed under the QR code on your receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We could not find this application. It appears here a few minutes after it is handed in. Please check the number, try again later, or ask a member of staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We cannot reach the service system right now, and this machine has no saved record of this application. Please try again later, or ask a member of staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Property repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still to bring: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last change: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked just now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We cannot reach the service system right now. This is the status saved on this machine, as of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To be completed by %1 (estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To be completed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted, documents to follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Told once which documents are missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handled on the spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents supplied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to a repairer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress noted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received: your application has arrived and is waiting to be handled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted: your application is being handled. Please bring the documents listed below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted: your application is complete and is being handled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress: your application is being handled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed: the result is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not accepted. The reason is below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents missing: please bring the documents listed below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents missing: please bring the documents on the notice the window gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check an application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the QR code on your receipt in front of the camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the number instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the tracking number printed on your receipt, for example RC-20261125-K01-00042.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepForm</name>
    <message>
        <source>Step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check my answers ›</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>● Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>● This terminal was withdrawn; enroll it again (%n record(s) kept)</source>
        <translation>
            <numerusform>● This terminal was withdrawn; enroll it again (%n record kept)</numerusform>
            <numerusform>● This terminal was withdrawn; enroll it again (%n records kept)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● %n damaged record(s): call a technician</source>
        <translation>
            <numerusform>● %n damaged record: call a technician</numerusform>
            <numerusform>● %n damaged records: call a technician</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● %n record(s) need a technician</source>
        <translation>
            <numerusform>● %n record needs a technician</numerusform>
            <numerusform>● %n records need a technician</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● Online · %n saved, sending is delayed</source>
        <translation>
            <numerusform>● Online · %n saved, sending is delayed</numerusform>
            <numerusform>● Online · %n saved, sending is delayed</numerusform>
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
        <translation type="unfinished"></translation>
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
    <name>TakeNumberScreen</name>
    <message>
        <source>Take a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority (optional): choose it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touch the service you need:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have a disability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aged 65 or over? Show your ID card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aged 65 or over (from your ID card)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your ID card shows your age for the priority queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One moment, the machine is starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About %1 waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One moment, taking your number…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TechnicianPanel</name>
    <message>
        <source>Technician panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID card reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address, e.g. 10.0.0.9:9100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial port or reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index or path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the printer cannot report its status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face match threshold (lower is stricter):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face match compares the camera with a passport chip&apos;s photo. ID cards, residence permits and foreigners&apos; cards give their photo only as WLT data, which no open decoder reads: those residents are not face-matched here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print and warn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treat as failed (slip on screen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test card read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discover devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing a test receipt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed receipt %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not printed: %1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used until the app restarts (no configuration file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card read: %1, %2
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card reader problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No card on the reader.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for devices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the diagnostics archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnostics archive written (no personal data in it):
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnostics archive not written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1. Restart the app to use the new devices.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TechnicianScreen</name>
    <message>
        <source>Technician</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowsPage</name>
    <message>
        <source>Every window needs a number of up to 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two windows have the same number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. The counters and the hall display of this center take it at their next refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows and the queues they call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkAreaPlaceholder</name>
    <message>
        <source>Acceptance workbench: not installed on this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current ticket: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
