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
    <name>CatalogScreen</name>
    <message>
        <source>Apply for a service</source>
        <extracomment>Short names residents say (低保 for 最低生活保障): names are also indexed shortened. Names of the catalog's category codes (the catalog carries codes only).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search: name or pinyin initials, e.g. dbsq</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One moment, the list of services is loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing found. Try other words, or browse below after clearing the search.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Touch a service to see what you need.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(at a window only)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Which office is it for?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Touch an office, or search above.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>‹ All offices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What is it about?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>‹ Other topics</source>
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
    <name>DoneScreen</name>
    <message>
        <source>Printing your slip…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scan this code with your phone to check the progress.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The printer is not working. Your application is saved. Please take a photo of this slip.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your repair request has reached the office.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your application has reached the office.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your repair request is saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your application is saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please take your slip from the printer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One moment, the slip is shown on the screen…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FormFields</name>
    <message>
        <source>Please fill this in.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This is too long. Please shorten it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>⌫ Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This phone number looks wrong. A mobile number has 11 digits.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This ID number is not right. Please check each digit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use ▲ ▼ to choose the date.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please choose the date with ▲ ▼.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please choose one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The picture could not be saved. Please try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The camera is not working, and this picture is needed. Please go to a window to finish this application.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please take the picture first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The picture could not be taken. Please try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Camera not available</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The camera is not working. You can go on without this picture.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking the picture…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Picture taken. Touch “Take again” if you want a new one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lay the page flat under the camera, then touch “Take picture”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Look straight at the camera, then touch “Take picture”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Take picture</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Take again</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <source>Fill in the form</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Read from your ID card.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>As you entered it.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HelpScreen</name>
    <message>
        <source>Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How can we help?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What this machine does</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Here you can take a queue number, book an appointment or check in, apply for some services by yourself, report a repair, read community notices and see how an earlier application is going. It is open day and night. Touch the big buttons; you never need a keyboard.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Where the windows are</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The service windows are the numbered counters in the hall. When your queue number is called, the screens in the hall show it together with the number of the window to go to.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Asking a member of staff</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>During opening hours, ask at any window or any member of staff in the hall: they are glad to help. Outside opening hours, call the community duty phone shown at the entrance.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your personal details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your ID number and phone number are shown only partly. When you leave, or after a short time without a touch, this machine forgets everything you entered. Touch Home to start again at any time.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back to the start</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Home</source>
        <extracomment>target screen of each tile, in reading order</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What would you like to do?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Take a number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Queue for a service window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Book or check in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Make an appointment, or tell us you have arrived</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Apply for a service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fill in an application here, by yourself</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Report a repair</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Something broken in your building</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Community notices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>News and announcements</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check an application</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>See how your application is going</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How this machine works, and how to ask staff</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>This machine has no card reader, so please type your ID number.</source>
        <extracomment>how long the masked "we read your card" confirmation stays before going on</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The card reader is not working right now, so please type your ID number.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The first two digits are not a province code. Please check the number on your card.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Digits 7 to 14 should be your date of birth (year, month, day), but they are not a real date. Please check them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The last character does not match the other digits, so one of them is probably mistyped. Please check each digit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>An ID number has 18 characters. Please type all of them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A mobile number has 11 digits.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This is not a mobile number: it should start with 13 to 19. Please check it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Thank you. We have your details:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You are already identified as:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Identify yourself</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please identify yourself</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Place your ID card on the reader</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lay the card flat on the card reader and leave it there until your details appear.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>I have no card with me: type my ID number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type your 18-character ID number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type your mobile phone number (11 digits)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This is not me: start again</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MatterScreen</name>
    <message>
        <source>About this service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One moment…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Done on the spot.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Done within %n working day(s).</source>
        <translation>
            <numerusform>Done within %n working day.</numerusform><numerusform>Done within %n working days.</numerusform></translation>
    </message>
    <message>
        <source>What to have ready:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(if it applies to you)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This service cannot be done at the kiosk. Please take a number and go to a window.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back to the start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This service needs an appointment.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Book an appointment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start ›</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>NavigationBar</name>
    <message>
        <source>‹ Back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Home</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Still there? Returning to the start in %1 s. Touch to continue.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>NoticesScreen</name>
    <message>
        <source>Community notices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>There are no notices at the moment. Notices from the community appear here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>‹ All notices</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>⌫ Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete the last character</source>
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
            <numerusform>Wrong PIN. %n attempt left.</numerusform>
            <numerusform>Wrong PIN. %n attempts left.</numerusform>
        </translation>
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
    <name>Receipt</name>
    <message>
        <source>Sent to the platform</source>
        <extracomment>Where the status QR on slips and screens points; the tracking number is appended.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved; will be sent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(estimated)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Matter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Repair</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reported by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tracking number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Done by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Application receipt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Repair request receipt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scan the code to check the progress.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please keep this slip.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RepairScreen</name>
    <message>
        <source>Report a repair</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please check, then touch “Submit”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>‹ Change</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Submit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Repair</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Photo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Picture taken ✓</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No picture</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving your repair request… please wait.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your repair request could not be saved. Please try again, or ask the staff.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Check your answers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>‹ Change</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Submit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please check, then touch “Submit”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(estimated)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Done by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>On the spot</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving your application… please wait.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your application could not be saved, so nothing was sent. Please try again, or go to a window.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <source>Camera starting …</source>
        <extracomment>a camera that sends no picture for this long counts as not working</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This machine has no camera, so please type the number printed on your receipt.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The camera is not working right now, so please type the number printed on your receipt.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This code is not from one of our receipts. Please show the QR code printed on your receipt.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This is not a tracking number. It looks like RC-20261125-K01-00042 and is printed under the QR code on your receipt.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Looking up %1 …</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Application %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not found yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>We could not find this application. It appears here a few minutes after it is handed in. Please check the number, try again later, or ask a member of staff.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>We cannot reach the service system right now, and this machine has no saved record of this application. Please try again later, or ask a member of staff.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last change: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checked just now.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>We cannot reach the service system right now. This is the status saved on this machine, as of %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Received: your application has arrived and is waiting to be handled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Accepted: your application is complete and is being handled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In progress: your application is being handled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Completed: the result is ready.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not accepted. The reason is below.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Documents missing: please bring the documents listed below.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check an application</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hold the QR code on your receipt in front of the camera.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type the number instead</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type the tracking number printed on your receipt, for example RC-20261125-K01-00042.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check another</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>StepForm</name>
    <message>
        <source>Step %1 of %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>‹ Previous</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check my answers ›</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next ›</source>
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
<context>
    <name>TechnicianScreen</name>
    <message>
        <source>Technician</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>This keyboard types letters and digits only. To write in Chinese, please ask a member of staff.</source>
        <extracomment>platforms where no input panel window can ever show</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>⇧ ABC</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>⌫ Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Space</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>