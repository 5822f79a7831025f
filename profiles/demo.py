"""Demo data: the 22 cancer-services careers of the write-up, their QR links and the week's 81 QR scans.

Reads ctx.event (its "Cancer services" area). Leaves ctx.objects["job_profiles"]: the created profiles, in
display order (the timetable features some of them in its sessions).
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from eventsite.demo import DemoContext
from profiles import qr, services
from profiles.models import Scan

PAY_YEAR = 2024
# NHS Agenda for Change yearly pay, 2024/25 (England): band -> (bottom, top).
AFC_2024 = {
    "2": (23_615, 23_615),
    "3": (24_071, 25_674),
    "4": (26_530, 29_114),
    "5": (29_970, 36_483),
    "6": (37_338, 44_962),
    "7": (46_148, 52_809),
}
A, D, J = "apprenticeship", "degree", "on the job"


@dataclass(frozen=True)
class Career:
    title: str
    summary: str
    day_to_day: str
    qualifications: str
    experience: str
    routes: tuple[str, ...]
    band: str  # "" for pay outside Agenda for Change, given by `salary`
    skills: tuple[str, ...]
    related: tuple[str, ...] = ()
    salary: tuple[int, int] | None = None


CAREERS = [
    Career(
        "Therapeutic radiographer",
        "Plans and gives radiotherapy, using precise beams of radiation to treat cancer.",
        "You set up the treatment machine, position each patient exactly and check their treatment is right. "
        "Patients often come every weekday for several weeks, so you get to know them and help them cope.",
        "A degree in therapeutic radiography (3 years). Most universities ask for two or three A levels, "
        "including a science, and GCSEs in English, maths and science.",
        "Visiting a radiotherapy department or volunteering with people helps you show you understand the role.",
        (D, A),
        "5",
        ("Working with technology", "Calm, clear explanations", "Attention to detail", "Teamwork"),
        ("Diagnostic radiographer", "Clinical nurse specialist", "Medical oncologist"),
    ),
    Career(
        "Diagnostic radiographer",
        "Takes X-rays and scans that show what is happening inside the body.",
        "You use X-ray, CT and MRI machines to take images that help doctors find cancer and check treatment. "
        "You put patients at ease, keep everyone safe from radiation and work with emergency and ward teams.",
        "A degree in diagnostic radiography, or a degree apprenticeship with an NHS trust.",
        "Caring or customer-facing experience, and an interest in science and technology.",
        (D, A),
        "5",
        ("Using complex equipment", "Reassuring people", "Problem solving", "Quick decisions"),
        ("Sonographer", "Therapeutic radiographer"),
    ),
    Career(
        "Sonographer",
        "Uses ultrasound scans to look for changes in the body, such as lumps and growths.",
        "You scan patients with ultrasound, decide what the images show and write reports for doctors. "
        "Some scans are for cancer checks, others for pregnancy or heart conditions.",
        "A degree in medical ultrasound, or a radiography degree followed by postgraduate training.",
        "Experience with patients or the public; many sonographers start as radiographers.",
        (D, A),
        "6",
        ("Hand-eye coordination", "Clear reporting", "Concentration", "Kindness"),
        ("Diagnostic radiographer",),
    ),
    Career(
        "Clinical nurse specialist",
        "An expert cancer nurse who guides patients from diagnosis through treatment.",
        "You are often the first person a patient sees after being told they have cancer. You explain the "
        "treatment plan, answer worries, join team meetings about care and make sure nothing is missed.",
        "A nursing degree and registration as a nurse, then several years of cancer experience and further study.",
        "Experience as a registered nurse, usually on a cancer ward or unit.",
        (D, A),
        "7",
        ("Listening", "Explaining difficult news", "Leadership", "Organisation"),
        ("Chemotherapy nurse", "Palliative care nurse", "Cancer care navigator"),
    ),
    Career(
        "Chemotherapy nurse",
        "Gives anti-cancer medicines safely and looks after patients during treatment.",
        "You check each patient is well enough for treatment, give chemotherapy through a drip or line, watch for "
        "side effects and teach patients how to look after themselves at home.",
        "A nursing degree (or nursing degree apprenticeship) and registration, then chemotherapy training.",
        "Nursing experience on a ward; caring experience helps before you apply to study.",
        (D, A),
        "5",
        ("Careful checking", "Staying calm", "Caring", "Teaching patients"),
        ("Clinical nurse specialist", "Oncology pharmacist", "Pharmacy technician"),
    ),
    Career(
        "Palliative care nurse",
        "Helps people with illnesses that cannot be cured to live as well as they can.",
        "You control pain and other symptoms, support families and help patients plan the care they want, in "
        "hospital, at home or in a hospice.",
        "A nursing degree and registration, then experience and training in palliative care.",
        "Nursing experience, often in cancer or community care.",
        (D, A),
        "6",
        ("Compassion", "Honest conversations", "Symptom control", "Working with families"),
        ("Clinical nurse specialist", "Macmillan information and support worker"),
    ),
    Career(
        "Cancer support worker",
        "Helps patients with practical things so the nurses and doctors can focus on treatment.",
        "You check in with patients after treatment, book appointments, find answers to their questions and point "
        "them to help with money, travel or emotional support.",
        "GCSEs in English and maths (or equivalent). Training happens on the job.",
        "Caring, customer service or volunteering experience.",
        (J, A),
        "3",
        ("Friendly phone manner", "Organisation", "Problem solving", "Keeping records"),
        ("Cancer care navigator", "Healthcare assistant"),
    ),
    Career(
        "Healthcare assistant",
        "Works with nurses to care for patients on wards and in clinics.",
        "You help patients wash, dress and eat, take observations such as temperature and blood pressure, and "
        "make people comfortable and calm.",
        "No set qualifications; good English and maths help. You gain the Care Certificate while you work.",
        "Any caring experience, paid or voluntary, including looking after a relative.",
        (J, A),
        "3",
        ("Kindness", "Observation", "Teamwork", "Patience"),
        ("Phlebotomist", "Chemotherapy nurse"),
    ),
    Career(
        "Phlebotomist",
        "Takes blood samples that are tested to find illness and check treatment.",
        "You take blood from patients of all ages, label the samples carefully and help nervous patients relax. "
        "Cancer patients need regular blood tests before each treatment.",
        "No set qualifications: you are trained on the job and gain a phlebotomy certificate.",
        "Customer service or caring experience.",
        (J,),
        "2",
        ("Steady hands", "Calming people", "Accuracy", "Hygiene"),
        ("Healthcare assistant",),
    ),
    Career(
        "Medical secretary",
        "Keeps a cancer team organised: letters, appointments and records.",
        "You type up letters from consultants, arrange clinics and scans, answer calls from patients and keep "
        "records accurate and private.",
        "GCSEs in English and maths; a business administration or medical secretary course helps.",
        "Office or customer service experience.",
        (A, J),
        "4",
        ("Typing", "Confidentiality", "Organisation", "Clear communication"),
        ("Cancer care navigator",),
    ),
    Career(
        "Cancer care navigator",
        "A friendly contact who helps patients find their way through their care.",
        "You answer patients' questions, make sure tests and appointments happen on time and connect people with "
        "support for work, money and wellbeing.",
        "GCSEs in English and maths; training is given on the job.",
        "Experience in customer service, care or admin.",
        (J, A),
        "4",
        ("Listening", "Organisation", "Problem solving", "Empathy"),
        ("Cancer support worker", "Medical secretary", "Clinical nurse specialist"),
    ),
    Career(
        "Dietitian",
        "Uses the science of food to help patients stay strong during cancer treatment.",
        "You work out what each patient needs to eat, help people who find eating hard after treatment and plan "
        "special feeds when someone cannot eat normally.",
        "A degree in dietetics, or a degree apprenticeship.",
        "Interest in food, science and people; volunteering in care helps.",
        (D, A),
        "5",
        ("Science", "Explaining clearly", "Planning", "Motivating people"),
        ("Speech and language therapist", "Prehabilitation exercise specialist"),
    ),
    Career(
        "Physiotherapist",
        "Helps people move, breathe and recover their strength before and after treatment.",
        "You plan exercises, help patients get moving after surgery and treat problems such as swelling, "
        "breathlessness and tiredness.",
        "A physiotherapy degree or degree apprenticeship; A levels including biology or PE help.",
        "Volunteering with people who have disabilities, or in sport or care.",
        (D, A),
        "5",
        ("Encouraging people", "Knowledge of the body", "Problem solving", "Physical fitness"),
        ("Occupational therapist", "Prehabilitation exercise specialist"),
    ),
    Career(
        "Occupational therapist",
        "Helps people do the everyday things that matter to them, such as washing, working and hobbies.",
        "You find ways round problems caused by illness or treatment: new ways of doing things, equipment at home "
        "and plans to manage tiredness.",
        "An occupational therapy degree or degree apprenticeship.",
        "Experience with people of different ages and abilities.",
        (D, A),
        "5",
        ("Creativity", "Practical problem solving", "Patience", "Encouraging independence"),
        ("Physiotherapist",),
    ),
    Career(
        "Speech and language therapist",
        "Helps people with speaking and swallowing, which some cancers and treatments affect.",
        "You assess how a patient speaks and swallows, teach exercises and find safe ways to eat and drink, "
        "often for people with head and neck cancer.",
        "A degree in speech and language therapy, or a degree apprenticeship.",
        "Experience with children, older people or people with disabilities.",
        (D, A),
        "5",
        ("Listening", "Patience", "Knowledge of language", "Careful observation"),
        ("Dietitian",),
    ),
    Career(
        "Clinical research practitioner",
        "Runs trials that test new cancer treatments, so care keeps getting better.",
        "You explain trials to patients, collect samples and data, check people's health during the trial and "
        "make sure every rule is followed.",
        "A degree in a health or science subject, or an apprenticeship in clinical research.",
        "Experience in healthcare or a laboratory; accuracy with data.",
        (D, A),
        "5",
        ("Accuracy", "Explaining science", "Organisation", "Curiosity"),
        ("Oncology pharmacist", "Medical oncologist"),
    ),
    Career(
        "Pharmacy technician",
        "Prepares and supplies medicines, including cancer medicines made for each patient.",
        "You make up medicines in clean rooms, check prescriptions, manage stock and help patients understand how "
        "to take their medicines.",
        "A pharmacy technician apprenticeship or course (2 years) with work in a pharmacy.",
        "GCSEs in English, maths and science; experience in a pharmacy helps.",
        (A, J),
        "5",
        ("Accuracy", "Following procedures", "Science", "Teamwork"),
        ("Oncology pharmacist", "Chemotherapy nurse"),
    ),
    Career(
        "Oncology pharmacist",
        "An expert in cancer medicines who makes sure every treatment is safe and right.",
        "You check chemotherapy prescriptions, advise doctors and nurses, help patients manage side effects and "
        "work on new treatments.",
        "A master's degree in pharmacy (4 years), a training year, then registration and cancer training.",
        "Pharmacy experience in hospital or community.",
        (D,),
        "7",
        ("Chemistry", "Checking carefully", "Advising others", "Decision making"),
        ("Pharmacy technician", "Clinical research practitioner"),
    ),
    Career(
        "Macmillan information and support worker",
        "Gives patients and families clear information and a friendly ear.",
        "You run a drop-in information centre, answer questions about cancer and its treatment, and help with "
        "benefits, travel and emotional support.",
        "GCSEs in English and maths; training is given on the job.",
        "Customer service, advice or volunteering experience.",
        (J,),
        "4",
        ("Listening", "Finding information", "Kindness", "Confidentiality"),
        ("Palliative care nurse", "Cancer care navigator"),
    ),
    Career(
        "Hospital play specialist",
        "Uses play to help children understand and cope with their treatment.",
        "You prepare children for procedures with games and dolls, distract them during treatment and create "
        "happy moments on the ward.",
        "A play or childcare qualification, then a foundation degree in healthcare play specialism.",
        "Experience with children, such as childcare or youth work.",
        (D, J),
        "4",
        ("Creativity", "Working with children", "Patience", "Understanding feelings"),
        ("Healthcare assistant",),
    ),
    Career(
        "Prehabilitation exercise specialist",
        "Gets patients fitter before cancer treatment so they recover faster.",
        "You design exercise plans for patients waiting for surgery or treatment, lead classes and track how "
        "their strength and fitness improve.",
        "A sport and exercise science degree, or exercise qualifications with specialist training.",
        "Experience in coaching, fitness or sport.",
        (D, A),
        "4",
        ("Motivating people", "Fitness knowledge", "Planning", "Adapting exercise"),
        ("Physiotherapist", "Dietitian"),
    ),
    Career(
        "Medical oncologist",
        "A doctor who specialises in treating cancer with medicines.",
        "You diagnose and plan treatment such as chemotherapy, immunotherapy and targeted drugs, lead the team "
        "around each patient and often take part in research.",
        "A medical degree (5 years), then around 8 years of specialist training as a resident doctor.",
        "Caring experience and strong science A levels, including chemistry.",
        (D,),
        "",
        ("Science", "Leadership", "Difficult conversations", "Decision making"),
        ("Clinical nurse specialist", "Therapeutic radiographer", "Clinical research practitioner"),
        salary=(105_504, 139_882),  # consultant pay, 2024/25 (England)
    ),
]

# The codes used in the week: one on each career's card at the marketplace stand, and slides showing the list.
MARKETPLACE = "Marketplace stand"
INDEX_PLACEMENTS = ["Day 1 slides", "Introduction to cancer slides", "Careers info session", "Review of the week"]
# (day of the event from 0, placement, scans): 81 in all, as the write-up reports.
SCAN_PLAN = [
    (0, "Day 1 slides", 14),
    (1, "Introduction to cancer slides", 9),
    (1, MARKETPLACE, 6),
    (2, "Careers info session", 11),
    (2, "Introduction to cancer slides", 5),
    (3, MARKETPLACE, 12),
    (3, "Introduction to cancer slides", 4),
    (4, MARKETPLACE, 9),
    (4, "Review of the week", 11),
]
PHONES = 60  # students' phones in the room on a day


def seed(ctx: DemoContext) -> None:
    area = ctx.event.service_areas.get(name="Cancer services")
    profiles = [_create_profile(area, order, career) for order, career in enumerate(CAREERS)]
    by_title = {profile.title: profile for profile in profiles}
    for profile, career in zip(profiles, CAREERS, strict=True):
        profile.related_roles.add(*(by_title[title] for title in career.related))
    ctx.objects["job_profiles"] = profiles

    organiser = ctx.objects.get("organiser")
    index = reverse("profiles:profile_index")
    links = {
        placement: [
            services.qrlink_create(event=ctx.event, placement=placement, target_path=index, created_by=organiser)
        ]
        for placement in INDEX_PLACEMENTS
    }
    links[MARKETPLACE] = [
        services.qrlink_create(event=ctx.event, placement=MARKETPLACE, profile=profile, created_by=organiser)
        for profile in profiles
    ]
    _add_scans(ctx, links)


def _create_profile(area, order: int, career: Career):
    bottom, top = career.salary or AFC_2024[career.band]
    return services.jobprofile_create(
        service_area=area,
        title=career.title,
        slug=career.title.lower().replace(" ", "-"),
        summary=career.summary,
        day_to_day=career.day_to_day,
        qualifications=career.qualifications,
        experience=career.experience,
        route_apprenticeship=A in career.routes,
        route_degree=D in career.routes,
        route_on_the_job=J in career.routes,
        pay_band=career.band,
        salary_min=bottom,
        salary_max=top,
        salary_year=PAY_YEAR,
        skills="\n".join(career.skills),
        published=True,
        order=order,
    )


def _add_scans(ctx: DemoContext, links: dict) -> None:
    """Scans at times during the event's days; each visitor hash is made as a real scan makes it."""
    tz = timezone.get_current_timezone()
    first = datetime.datetime.combine(ctx.event.start_date, ctx.event.day_starts_at, tzinfo=tz)
    minutes = (
        datetime.datetime.combine(ctx.event.start_date, ctx.event.day_ends_at)
        - datetime.datetime.combine(ctx.event.start_date, ctx.event.day_starts_at)
    ).seconds // 60
    scans = []
    for day, placement, count in SCAN_PLAN:
        salt = f"demo-day-{day}"
        for _ in range(count):
            at = first + datetime.timedelta(days=day, minutes=ctx.rng.randrange(minutes))
            phone = f"phone-{ctx.rng.randrange(PHONES)}"
            link = ctx.rng.choice(links[placement])
            scans.append(Scan(link=link, scanned_at=at, visitor_hash=qr.visitor_hash(salt, phone, "demo")))
    Scan.objects.bulk_create(scans)
