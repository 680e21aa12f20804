package th.go.nhso.tabien.access;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.MailOutbox;

/**
 * The e-mails of the account request, in Thai: the facility hears every decision, approvers
 * are reminded and escalated to, and each provisioned person gets their own e-mail (seed
 * 001: "ตอบกลับทาง E-Mail รายบุคคล"). All go through the outbox, in the caller's transaction.
 */
@Component
class AccessMail {

    private static final String SIGNATURE = "\n\nระบบทะเบียน สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.)";

    private final MailOutbox outbox;
    private final AccountDirectory directory;
    private final BilingualMessages messages;

    AccessMail(MailOutbox outbox, AccountDirectory directory, BilingualMessages messages) {
        this.outbox = outbox;
        this.directory = directory;
        this.messages = messages;
    }

    void provinceDecided(AccessRequest r, AccessRequests.ProvinceDecision decision, String reason) {
        String what = switch (decision) {
            case FORWARD -> "สำนักงานสาธารณสุขจังหวัดตรวจสอบแล้ว และส่งต่อให้ สปสช. เขต " + r.region() + " ดำเนินการ";
            case RETURN -> "สำนักงานสาธารณสุขจังหวัดส่งคืนให้แก้ไข แล้วยื่นใหม่";
            case REJECT -> "สำนักงานสาธารณสุขจังหวัดไม่อนุมัติคำขอ";
        };
        toFacility(r, what, reason);
        if (decision == AccessRequests.ProvinceDecision.FORWARD) {
            toApprovers(Role.REGIONAL_APPROVER, r, "คำขอบัญชี Data Center รออนุมัติ: " + title(r),
                    "มีคำขอบัญชีผู้ใช้งานระบบ Data Center ที่จังหวัดตรวจสอบแล้ว รอการอนุมัติภายใน 15 วันทำการ");
        }
    }

    void regionRejected(AccessRequest r, String reason) {
        toFacility(r, "สปสช. เขต " + r.region() + " ไม่อนุมัติคำขอ", reason);
    }

    void reminded(AccessRequest r) {
        Role role = r.status() == AccessRequestStatus.AT_PROVINCE ? Role.PROVINCIAL_APPROVER : Role.REGIONAL_APPROVER;
        toApprovers(role, r, "เตือน: คำขอบัญชี Data Center ใกล้ครบกำหนด " + title(r),
                "คำขอนี้ใกล้ครบกำหนดเวลาดำเนินการ กรุณาตรวจสอบในระบบทะเบียน");
    }

    /** Past the deadline: the step's approvers and the level above (the region; for the region, NHSO admins). */
    void escalated(AccessRequest r) {
        String subject = "เกินกำหนด: คำขอบัญชี Data Center " + title(r);
        String body = "คำขอนี้เกินกำหนดเวลาดำเนินการแล้ว (" + stepTh(r) + ") กรุณาดำเนินการโดยด่วน";
        if (r.status() == AccessRequestStatus.AT_PROVINCE) {
            toApprovers(Role.PROVINCIAL_APPROVER, r, subject, body);
            toApprovers(Role.REGIONAL_APPROVER, r, subject, body);
        } else {
            toApprovers(Role.REGIONAL_APPROVER, r, subject, body);
            toApprovers(Role.ADMIN, r, subject, body);
        }
    }

    /** One e-mail per provisioned person, with how to log in. */
    void accountReady(AccessRequest r, RequestedPerson p, String username, String temporaryPassword,
                      Set<DataCenterRole> roles) {
        StringBuilder body = new StringBuilder()
                .append("เรียน ").append(p.fullName()).append("\n\n")
                .append("สปสช. เขต ").append(r.region()).append(" ได้ดำเนินการบัญชีผู้ใช้งานระบบ Data Center ของท่านแล้ว ")
                .append("ตามคำขอเลขที่ ").append(r.requestId()).append(" ของ").append(r.facilityName()).append("\n\n")
                .append("ชื่อผู้ใช้งาน (Username): ").append(username).append("\n");
        if (temporaryPassword != null) {
            body.append("รหัสผ่านชั่วคราว: ").append(temporaryPassword).append("\n")
                    .append("ระบบจะให้ท่านตั้งรหัสผ่านใหม่เมื่อเข้าใช้งานครั้งแรก\n");
        } else {
            body.append("ใช้รหัสผ่านเดิมของท่าน\n");
        }
        body.append("\nระบบที่ได้รับสิทธิ์:\n");
        roles.stream().sorted().forEach(role -> body.append("- ").append(role.labelTh()).append("\n"));
        body.append("\nหมายเหตุ: บัญชีที่ไม่ได้เข้าใช้งานเกิน 180 วันจะถูกระงับ และห้ามให้ผู้อื่นใช้บัญชีของท่าน")
                .append(SIGNATURE);
        outbox.enqueue(p.email(), "บัญชีผู้ใช้งานระบบ Data Center ของ สปสช. พร้อมใช้งาน", body.toString());
    }

    void provisioned(AccessRequest r, List<AccessRequest.Line> lines) {
        String summary = lines.stream()
                .map(l -> "- " + l.person().fullName() + ": " + messages.resolve("access.outcome." + l.outcome()).th()
                        + (l.outcomeReason() == null ? "" : " (" + l.outcomeReason() + ")"))
                .collect(Collectors.joining("\n"));
        toFacility(r, "สปสช. เขต " + r.region() + " สร้างบัญชีผู้ใช้งานเรียบร้อยแล้ว และแจ้งทางอีเมลถึงแต่ละท่าน\n\n" + summary,
                null);
    }

    private void toFacility(AccessRequest r, String what, String reason) {
        String body = "คำขอบัญชีผู้ใช้งานระบบ Data Center เลขที่ " + r.requestId() + " ของ" + r.facilityName() + "\n\n" + what
                + (reason == null ? "" : "\n\nเหตุผล: " + reason) + SIGNATURE;
        // The clerk who filed it: the staff provisioned by the request are facility staff too, and hear separately.
        directory.find(r.createdBy()).filter(a -> a.email() != null)
                .ifPresent(a -> outbox.enqueue(a.email(), "ผลการดำเนินการคำขอบัญชี Data Center " + title(r), body));
    }

    private void toApprovers(Role role, AccessRequest r, String subject, String body) {
        for (StaffAccount a : directory.accountsInRole(role)) {
            boolean inArea = switch (role) {
                case PROVINCIAL_APPROVER -> r.provinceCode().equals(a.provinceCode());
                case REGIONAL_APPROVER -> a.region() != null && a.region() == r.region();
                default -> true;
            };
            if (inArea && a.email() != null && !a.suspended()) {
                outbox.enqueue(a.email(), subject, "เรียน " + a.displayName() + "\n\n" + body + "\n\n" + title(r) + SIGNATURE);
            }
        }
    }

    private static String title(AccessRequest r) {
        return "เลขที่ " + r.requestId() + " " + r.facilityCode() + " " + r.facilityName();
    }

    private static String stepTh(AccessRequest r) {
        return r.status() == AccessRequestStatus.AT_PROVINCE ? "ขั้นตอนการตรวจสอบของจังหวัด" : "ขั้นตอนการอนุมัติของ สปสช. เขต";
    }
}
