"""Tables of the liaison app, one module per area: information for members and their questions to departments
(知情明政, ``information``), proposal topics (提案选题, ``topics``), contact duties (联系制度, ``contacts``)."""

from .contacts import AssignmentTransition, Contact, ContactAssignment, ContactVisit, VisitTransition
from .information import InfoItem, InfoLink, InfoTransition, Inquiry, InquiryTransition, ReadReceipt
from .topics import Topic, TopicAnswer, TopicFollow, TopicTransition

__all__ = ["AssignmentTransition", "Contact", "ContactAssignment", "ContactVisit", "InfoItem", "InfoLink",
           "InfoTransition", "Inquiry", "InquiryTransition", "ReadReceipt", "Topic", "TopicAnswer", "TopicFollow",
           "TopicTransition", "VisitTransition"]
