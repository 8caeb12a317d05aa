/**
 * Short open-text answers for the demo's airline survey, in the languages its clients write.
 * Each kind matches the ratings it is chosen for (see `demoComment` in responses.ts), so the
 * sentiment and aspect views tell the same story as the numbers.
 */
export type CommentKind = 'winterDelay' | 'delay' | 'customs' | 'onTime' | 'praise' | 'snacks';

export const demoComments: Record<string, Record<CommentKind, string[]>> = {
	en: {
		winterDelay: [
			'Departure was over an hour late because of de-icing. Please plan the winter schedule better.',
			'Another delay this winter. Snow in winter should not be a surprise.',
			'We waited at the gate for 50 minutes and nobody told us why the flight was late.'
		],
		delay: [
			'The flight left late and I missed my connection.',
			'Departure was 40 minutes late, otherwise fine.',
			'The flight left late and the staff at the gate were rude.'
		],
		customs: [
			'The customs queue took forever, only two desks were open.',
			'Passport control was slow; we nearly missed our meeting.'
		],
		onTime: [
			'Everything on time and a friendly crew. Thank you!',
			'Smooth flight, left exactly on time.'
		],
		praise: [
			'Very professional crew, I felt safe the whole time.',
			'Great service as always, I will book again.',
			'Friendly staff, a fair price and the app made check-in easy.'
		],
		snacks: ['Nice snacks, but honestly I care more about leaving on time.']
	},
	de: {
		winterDelay: [
			'Wegen der Enteisung über eine Stunde Verspätung. Bitte den Winterflugplan besser planen.',
			'Schon wieder Verspätung. Schnee im Winter ist doch keine Überraschung.',
			'Wir haben 50 Minuten am Gate gewartet, und niemand hat gesagt, warum.'
		],
		delay: [
			'Der Flug ging verspätet los und ich habe meinen Anschluss verpasst.',
			'Abflug 40 Minuten zu spät, sonst in Ordnung.',
			'Der Flug war verspätet und das Personal am Gate war unfreundlich.'
		],
		customs: [
			'Die Schlange an der Passkontrolle war viel zu lang.',
			'Beim Zoll waren nur zwei Schalter offen, das hat ewig gedauert.'
		],
		onTime: [
			'Alles pünktlich und eine freundliche Crew. Vielen Dank!',
			'Ruhiger Flug, pünktlich auf die Minute.'
		],
		praise: [
			'Sehr professionell, ich habe mich jederzeit sicher gefühlt.',
			'Wie immer guter Service, gerne wieder.',
			'Freundliches Personal, ein fairer Preis, und die App hat den Check-in leicht gemacht.'
		],
		snacks: ['Die Snacks sind lecker, aber wichtiger ist mir ein pünktlicher Abflug.']
	},
	nl: {
		winterDelay: [
			'Meer dan een uur vertraging door het ontdooien. Plan de winterdienstregeling beter, alstublieft.',
			'Alweer vertraging. Sneeuw in de winter is toch geen verrassing.',
			'We hebben 50 minuten bij de gate gewacht en niemand vertelde waarom.'
		],
		delay: [
			'De vlucht vertrok te laat en ik heb mijn aansluiting gemist.',
			'Vertrek 40 minuten te laat, verder prima.',
			'De vlucht was te laat en het personeel bij de gate was onvriendelijk.'
		],
		customs: [
			'De rij bij de paspoortcontrole was veel te lang.',
			'Bij de douane waren maar twee balies open, dat duurde eeuwig.'
		],
		onTime: [
			'Alles op tijd en een vriendelijke bemanning. Dank u wel!',
			'Rustige vlucht, precies op tijd vertrokken.'
		],
		praise: [
			'Zeer professioneel, ik voelde me de hele tijd veilig.',
			'Goede service zoals altijd, graag weer.',
			'Vriendelijk personeel, een eerlijke prijs en de app maakte het inchecken makkelijk.'
		],
		snacks: ['Lekkere snacks, maar op tijd vertrekken vind ik belangrijker.']
	},
	fi: {
		winterDelay: [
			'Lähtö myöhästyi yli tunnin jäänpoiston takia. Suunnitelkaa talviaikataulu paremmin.',
			'Taas myöhässä. Lumi talvella ei pitäisi olla mikään yllätys.',
			'Odotimme portilla 50 minuuttia, eikä kukaan kertonut syytä.'
		],
		delay: [
			'Lento lähti myöhässä ja jatkolento meni ohi.',
			'Lähtö oli 40 minuuttia myöhässä, muuten ihan hyvä.',
			'Lento oli myöhässä ja henkilökunta portilla oli epäystävällinen.'
		],
		customs: [
			'Passintarkastuksen jono oli aivan liian pitkä.',
			'Tullissa oli auki vain kaksi tiskiä, ja se kesti ikuisuuden.'
		],
		onTime: [
			'Kaikki ajallaan ja ystävällinen henkilökunta. Kiitos!',
			'Rauhallinen lento, lähti täsmälleen ajallaan.'
		],
		praise: [
			'Erittäin ammattimaista, tunsin oloni turvalliseksi koko matkan ajan.',
			'Hyvää palvelua kuten aina, matkustan mielelläni uudestaan.',
			'Ystävällinen henkilökunta, reilu hinta ja sovellus teki lähtöselvityksestä helppoa.'
		],
		snacks: ['Välipalat olivat hyviä, mutta täsmällinen lähtö on minulle tärkeämpää.']
	},
	ro: {
		winterDelay: [
			'Plecarea a întârziat peste o oră din cauza degivrării. Vă rog să planificați mai bine orarul de iarnă.',
			'Iar întârziere. Zăpada iarna nu ar trebui să fie o surpriză.',
			'Am așteptat 50 de minute la poartă și nimeni nu ne-a spus de ce.'
		],
		delay: [
			'Zborul a plecat cu întârziere și am pierdut legătura.',
			'Plecare cu 40 de minute întârziere, în rest totul a fost bine.',
			'Zborul a întârziat, iar personalul de la poartă a fost nepoliticos.'
		],
		customs: [
			'Coada la controlul pașapoartelor a fost mult prea lungă.',
			'La vamă erau deschise doar două ghișee, a durat o veșnicie.'
		],
		onTime: [
			'Totul la timp și un echipaj foarte amabil. Mulțumesc!',
			'Zbor liniștit, am plecat exact la timp.'
		],
		praise: [
			'Foarte profesionist, m-am simțit în siguranță tot timpul.',
			'Servicii bune ca întotdeauna, voi zbura din nou cu plăcere.',
			'Personalul a fost amabil, prețul corect, iar aplicația a făcut check-in-ul ușor.'
		],
		snacks: ['Gustările au fost bune, dar pentru mine contează mai mult plecarea la timp.']
	}
};

/** What the German enterprise clients write after their route moved to the new hub (see `demoStory`). */
export const newHubComments = [
	'Seit dem Wechsel zum neuen Drehkreuz dauert die Zollabfertigung ewig.',
	'Die neue Umsteigeverbindung ist zu knapp, unser Team verpasst ständig Anschlüsse.',
	'Früher lief alles reibungslos, seit der Streckenänderung stehen wir nur noch in Warteschlangen.'
];
